import client from 'prom-client';
import type { Database } from './db';

/**
 * What a Prometheus scrape of `/metrics` sees: requests by route and status with their durations,
 * events (one per committed command) by type, open sockets, the outbox's depth, and Node's own
 * (event-loop lag, memory, CPU). One registry per process, kept on the services, since the server
 * entry and SvelteKit's bundle each load this module.
 */
export class Metrics {
	readonly registry = new client.Registry();
	readonly requests = new client.Histogram({
		name: 'benchboard_http_request_duration_seconds',
		help: 'Requests served by SvelteKit (pages and the JSON API), by route pattern and status',
		labelNames: ['method', 'route', 'status'] as const,
		buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
		registers: [this.registry]
	});
	readonly events = new client.Counter({
		name: 'benchboard_events_total',
		help: 'Events committed to the log (one per command), by type',
		labelNames: ['type'] as const,
		registers: [this.registry]
	});

	constructor(db: Database, screens: () => { board: number; display: number }) {
		client.collectDefaultMetrics({ register: this.registry, prefix: 'benchboard_' });
		new client.Gauge({
			name: 'benchboard_screens',
			help: 'Open sockets on this process: staff boards and wall displays',
			labelNames: ['kind'] as const,
			registers: [this.registry],
			collect() {
				const open = screens();
				this.set({ kind: 'board' }, open.board);
				this.set({ kind: 'display' }, open.display);
			}
		});
		new client.Gauge({
			name: 'benchboard_outbox_messages',
			help: 'Customer messages waiting to go out or failed, by state',
			labelNames: ['state'] as const,
			registers: [this.registry],
			async collect() {
				const rows = await db.sql<{ status: string; count: number }[]>`
					select status, count(*)::int as count from notifications
					where status in ('queued', 'sending', 'failed') group by status`;
				this.reset();
				for (const state of ['queued', 'sending', 'failed'])
					this.set({ state }, rows.find((row) => row.status === state)?.count ?? 0);
			}
		});
	}

	/** One request, as the request log sees it. */
	request(method: string, route: string, status: number, seconds: number): void {
		this.requests.observe({ method, route, status: String(status) }, seconds);
	}
}
