// The Insights lines of `npm run bench`: a year of a busy shop's history from the generator (50,000
// orders by default) in a throwaway database of its own, then each chart read over and over.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createThrowawayDatabase } from '../scripts/throwaway-database';
import { generateHistory } from '../src/lib/server/history-generator';
import { readChart } from '../src/lib/server/insights';
import { CHARTS } from '../src/lib/insights/charts';
import { startServices } from '../src/lib/server/start';

export async function insightsScenario(options: {
	serverUrl: string | undefined;
	migrationsDir: string;
	orders: number;
	runs: number;
	line: (name: string, fields: Record<string, string | number>) => void;
	percentile: (values: number[], p: number) => number;
}) {
	const { line, percentile } = options;
	const database = options.serverUrl
		? await createThrowawayDatabase(options.serverUrl, `bb_ins_bench_${process.pid}`)
		: null;
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'benchboard-insights-'));
	const services = await startServices({
		...(database ? { url: database.url } : { dataDir }),
		migrationsDir: options.migrationsDir,
		seed: 'none'
	});
	try {
		const started = performance.now();
		// Orders still in the workshop today are kept: the aging chart has open work to show.
		const written = await generateHistory(services.db.sql, services.shopActor, {
			orders: options.orders,
			seed: 21,
			keepOpen: true
		});
		const generateMs = performance.now() - started;
		await services.db.sql`analyze`;
		const [{ visits }] = await services.db.sql<{ visits: number }[]>`
			select count(*)::int as visits from stage_visits`;
		line('insights-generate', {
			orders: written.orders,
			events: written.events,
			visits,
			seconds: (generateMs / 1000).toFixed(1),
			events_per_s: Math.round(written.events / (generateMs / 1000))
		});
		const owner = { id: services.shopActor.id, name: 'Bench', role: 'owner' as const };
		const measure = async (query: Record<string, string>, fields: Record<string, string> = {}) => {
			for (const chart of CHARTS) {
				const times: number[] = [];
				// Two warm-up reads (plans cached, pages in memory), then the measured ones.
				for (let i = 0; i < options.runs + 2; i++) {
					const t = performance.now();
					await readChart(services.db.sql, owner, chart, query);
					if (i >= 2) times.push(performance.now() - t);
				}
				line('insights', {
					orders: written.orders,
					events: written.events,
					chart,
					...fields,
					p50_ms: percentile(times, 50).toFixed(1),
					p99_ms: percentile(times, 99).toFixed(1)
				});
			}
		};
		await measure({});
		// One store of two (#23): every other order was taken in and is picked up at a second store.
		const [{ id: store }] = await services.db.sql<{ id: number }[]>`
			insert into locations (name, kind) values ('Bench second store', 'store') returning id`;
		await services.db.sql`
			update orders set intake_location_id = ${store}, pickup_location_id = ${store},
				location_id = case when location_id is null then null else ${store}::int end
			where id % 2 = 0`;
		// Half the orders rewritten: their old versions would be read too until vacuumed.
		await services.db.sql`vacuum analyze`;
		await measure({ location: String(store) }, { location: 'one of two' });
	} finally {
		await services.stop();
		await database?.drop();
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
}
