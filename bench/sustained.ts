// The sustained line: moves offered at a steady rate through the HTTP API by a few clients, for
// minutes, to screens that each keep their own board as docs/api.md says (apply events in seq
// order, ask `/events?after=` on a gap). At the end every screen's board must equal the server's.
import http from 'node:http';
import type { Board } from '../src/lib/types';
import type { OrderEvent } from '../src/lib/events';
import { Screens } from './screens';
import { boardsDiffering, ScreenBoard } from './screen-board';
import { cpuSeconds, rssKb, type BenchServer } from './server';

export interface SustainedOptions {
	app: BenchServer;
	cookie: string;
	movesPerSecond: number;
	seconds: number;
	clients: number;
	screens: number;
	line: (name: string, fields: Record<string, string | number>) => void;
	percentile: (values: number[], p: number) => number;
}

/** A fresh server's first seconds (JIT, prepared statements, pools) are not what a shop lives with. */
const WARM_UP_MS = 5000;

/** A JSON request over one of `agent`'s few connections, as a handful of counter PCs would send. */
function request(
	agent: http.Agent,
	url: string,
	cookie: string,
	method = 'GET',
	body?: unknown
): Promise<{ status: number; json: unknown }> {
	return new Promise((resolve, reject) => {
		const req = http.request(
			url,
			{
				agent,
				method,
				headers: { cookie, accept: 'application/json', 'content-type': 'application/json' }
			},
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (chunk) => (text += chunk));
				res.on('end', () => {
					let json: unknown = null;
					try {
						json = JSON.parse(text);
					} catch {
						json = text;
					}
					resolve({ status: res.statusCode ?? 0, json });
				});
			}
		);
		req.on('error', reject);
		req.end(body === undefined ? undefined : JSON.stringify(body));
	});
}

export async function sustainedScenario(options: SustainedOptions): Promise<void> {
	const { app, cookie, movesPerSecond, seconds, clients, line, percentile } = options;
	const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
	const reader = new http.Agent({ keepAlive: true, maxSockets: 4 });
	const counts = { outOfOrder: 0, catchUps: 0 };
	const boards: ScreenBoard[] = [];
	const screens = await Screens.connect(app.url, options.screens, {
		cookie,
		onEvent: (index, event) => boards[index]?.receive(event)
	});
	const catchUp = async (after: number) =>
		(
			(await request(reader, `${app.url}/api/v1/events?after=${after}&limit=1000`, cookie))
				.json as { events: OrderEvent[] }
		).events;
	const board = (await request(agent, `${app.url}/api/v1/board`, cookie)).json as Board;
	for (let i = 0; i < options.screens; i++) boards.push(new ScreenBoard(board, catchUp, counts));

	const cards = board.orders.filter((o) => o.stage !== 'ready').slice(0, 400);
	const versions = new Map(cards.map((c) => [c.id, c.version]));
	const stageOf = new Map<number, string>(cards.map((c) => [c.id, c.stage]));
	const stages = ['design', 'casting', 'setting', 'polishing'];
	const busy = new Set<number>();
	const statuses = new Map<number, number>();
	const moves: Promise<number | null>[] = [];
	/** From offering a move until its HTTP answer: the server's part of the latency. */
	const answers: number[] = [];
	const from = board.seq;
	let skipped = 0;
	let rssAfterMinute = 0;
	const cpuBench = process.cpuUsage();
	const cpuServer = cpuSeconds(app.pid);
	const started = performance.now();

	const total = movesPerSecond * seconds;
	for (let i = 0; i < total; i++) {
		const wait = started + (i * 1000) / movesPerSecond - performance.now();
		if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
		if (!rssAfterMinute && performance.now() - started >= 60_000) rssAfterMinute = rssKb(app.pid);
		const card = cards[(i * 7) % cards.length];
		if (busy.has(card.id)) {
			skipped++;
			continue;
		}
		busy.add(card.id);
		const version = versions.get(card.id)!;
		const { latency } = screens.expect(`${card.id}:${version + 1}`);
		const offeredAt = performance.now();
		const measured = offeredAt - started >= WARM_UP_MS;
		// Always to another stage: a move to where the card already is writes no event.
		const current = stageOf.get(card.id)!;
		const stage = stages.filter((s) => s !== current)[(i + card.id) % (stages.length - 1)];
		const move = request(agent, `${app.url}/api/v1/orders/${card.id}/move`, cookie, 'POST', {
			stage,
			afterId: null,
			version
		}).then(
			async ({ status, json }) => {
				if (measured) answers.push(performance.now() - offeredAt);
				statuses.set(status, (statuses.get(status) ?? 0) + 1);
				if (status !== 200) {
					if (status >= 500) console.error(`# move answered ${status}: ${JSON.stringify(json)}`);
					return null;
				}
				versions.set(card.id, (json as { card: { version: number } }).card.version);
				stageOf.set(card.id, stage);
				return measured ? latency : Promise.resolve(-1);
			},
			() => {
				statuses.set(0, (statuses.get(0) ?? 0) + 1);
				return null;
			}
		);
		moves.push(move.finally(() => busy.delete(card.id)));
	}
	const outcomes = await Promise.all(moves);
	const elapsed = (performance.now() - started) / 1000;
	const used = process.cpuUsage(cpuBench);
	const benchCpu = (used.user + used.system) / 1e6;
	const serverCpu = cpuSeconds(app.pid) - cpuServer;
	const rssAtEnd = rssKb(app.pid);

	// Then every screen must hold exactly the server's board.
	const truth = (await request(agent, `${app.url}/api/v1/board`, cookie)).json as Board;
	const differing = await boardsDiffering(boards, truth, 200);
	const moved = outcomes.filter((outcome) => outcome !== null);
	const latencies = moved.filter((ms) => ms >= 0 && !Number.isNaN(ms));
	const delivered = screens.received.reduce((sum, seen) => sum + seen.size, 0);
	const failed = [...statuses].filter(([s]) => s >= 500 || s === 0).reduce((n, [, c]) => n + c, 0);
	line('sustained', {
		moves_per_s: movesPerSecond,
		clients,
		screens: options.screens,
		seconds,
		achieved_per_s: (moved.length / elapsed).toFixed(0),
		moves: moved.length,
		skipped,
		refused: outcomes.length - moved.length - failed,
		http_5xx: failed,
		p50_ms: percentile(latencies, 50).toFixed(1),
		p99_ms: percentile(latencies, 99).toFixed(1),
		answer_p99_ms: percentile(answers, 99).toFixed(1),
		// Answered moves whose event had not reached every screen within 10 s.
		unconfirmed: moved.filter((ms) => Number.isNaN(ms)).length,
		lost: screens.lost(from, truth.seq),
		duplicated: screens.duplicated,
		out_of_order_pct: ((100 * counts.outOfOrder) / Math.max(1, delivered)).toFixed(3),
		catch_ups: counts.catchUps,
		boards_differing: differing,
		server_error_lines: app.errorLines(),
		server_cpu_pct: ((100 * serverCpu) / elapsed).toFixed(0),
		bench_cpu_pct: ((100 * benchCpu) / elapsed).toFixed(0),
		rss_growth_pct: rssAfterMinute
			? ((100 * (rssAtEnd - rssAfterMinute)) / rssAfterMinute).toFixed(1)
			: 'n/a'
	});
	screens.close();
	agent.destroy();
	reader.destroy();
}
