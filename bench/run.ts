// `npm run bench`: the live board's speed, one line per scenario (key=value pairs). See README.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { createAccount } from '../src/lib/server/auth/accounts';
import { createSession, SESSION_COOKIE } from '../src/lib/server/auth/sessions';
import { startServices } from '../src/lib/server/start';
import type { Board, OrderCard } from '../src/lib/types';
import { CHROMIUM_ARGS, chromiumPath } from '../scripts/chromium';
import { collabScenarios } from './collab';
import { addOrders } from './data';
import { addArchivedOrders, searchQueries } from './search';
import { Screens } from './screens';
import { sustainedScenario } from './sustained';
import { displaySoakScenario } from './display-soak';
import { failoverScenario } from './failover';
import { commitBaseline } from './commit-baseline';
import { addStageHistory, FIRST, forecastRounds } from './forecast';
import { heapAfterGc } from './heap';
import { insightsScenario } from './insights';
import { importScenario } from './import';
import { createDisplay, updateDisplayOptions } from '../src/lib/server/auth/displays';
import {
	cpuSeconds,
	createBenchDatabase,
	postgresCpuSeconds,
	rssKb,
	startAppServer,
	startRawServer,
	type BenchServer
} from './server';

// The bench's ports: the app on BENCH_PORT, the raw baseline on the next, further app processes on
// the two after it, and the first app's inspector (for the memory line) ten above.
const APP_PORT = Number(process.env.BENCH_PORT ?? 3211);
const RAW_PORT = APP_PORT + 1;
const OTHER_PORTS = [APP_PORT + 2, APP_PORT + 3];
const INSPECT_PORT = APP_PORT + 10;
// 1,3: the move lines on one process, then on three over the same PostgreSQL (screens and moves
// spread round-robin over them).
const PROCESS_COUNTS = (process.env.BENCH_PROCESSES ?? '1,3')
	.split(',')
	.filter(Boolean)
	.map(Number);
const FAILOVER_SCREENS = Number(process.env.BENCH_FAILOVER_SCREENS ?? 150);
const FAILOVER_RATE = Number(process.env.BENCH_FAILOVER_RATE ?? 20);
const SCREEN_COUNTS = (process.env.BENCH_SCREENS ?? '50,500')
	.split(',')
	.filter(Boolean)
	.map(Number);
const CLOSED_MOVES = Number(process.env.BENCH_MOVES ?? 1000);
const OPEN_RATE = 100;
const OPEN_SECONDS = Number(process.env.BENCH_OPEN_SECONDS ?? 20);
const SEARCH_ORDERS = Number(process.env.BENCH_SEARCH_ORDERS ?? 50_000);
const DISPLAY_SOAK_EVENTS = Number(process.env.BENCH_DISPLAY_EVENTS ?? 10_000);
const FORECAST_HISTORY = Number(process.env.BENCH_FORECAST_HISTORY ?? 50_000);
const FORECAST_ROUNDS = Number(process.env.BENCH_FORECAST_ROUNDS ?? 10);
const INSIGHTS_ORDERS = Number(process.env.BENCH_INSIGHTS_ORDERS ?? 50_000);
const INSIGHTS_RUNS = Number(process.env.BENCH_INSIGHTS_RUNS ?? 20);
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
// BENCH_ONLY=sustained,search (names of lines) runs just those; by default every scenario runs.
const ONLY = process.env.BENCH_ONLY?.split(',').filter(Boolean);
const runs = (scenario: string) => !ONLY || ONLY.includes(scenario);
// rate:seconds pairs, each a sustained run of 10 clients to 100 screens on a fresh server process.
const SUSTAINED = (process.env.BENCH_SUSTAINED ?? '100:120,300:60,200:300')
	.split(',')
	.filter(Boolean)
	.map((run) => run.split(':').map(Number) as [number, number]);
const migrationsDir = fileURLToPath(new URL('../migrations', import.meta.url));

let sessionToken = '';
let displayLink = '';

/** A request to the app, signed in. */
function api(url: string, init: RequestInit = {}) {
	return fetch(url, {
		...init,
		headers: { ...init.headers, cookie: `${SESSION_COOKIE}=${sessionToken}` }
	});
}

function line(name: string, fields: Record<string, string | number>) {
	console.log([name, ...Object.entries(fields).map(([k, v]) => `${k}=${v}`)].join(' '));
}

/** Of the values that are numbers: a NaN is a message not seen in time, which `lost` counts. */
function percentile(values: number[], p: number): number {
	const sorted = values.filter((value) => !Number.isNaN(value)).sort((a, b) => a - b);
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const ms = (value: number) => value.toFixed(1);

async function main() {
	const serverUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL;
	const database = serverUrl ? await createBenchDatabase(serverUrl) : null;
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'benchboard-bench-'));
	const env: Record<string, string> = database
		? { DATABASE_URL: database.url }
		: { DATA_DIR: dataDir };
	const dbOptions = database ? { url: database.url } : { dataDir };
	console.error(
		`# database: ${database ? 'PostgreSQL server' : 'embedded PGlite'}; ${os.cpus().length} cores`
	);

	let app: BenchServer | undefined;
	try {
		if (runs('insights'))
			await insightsScenario({
				serverUrl,
				migrationsDir,
				orders: INSIGHTS_ORDERS,
				runs: INSIGHTS_RUNS,
				line,
				percentile
			});
		if (runs('import')) await importScenario({ serverUrl, migrationsDir, rows: IMPORT_ROWS, line });
		// The board's orders, an account and the app server, which every other line needs.
		const needsNoBoard = ONLY?.every((name) => name === 'insights' || name === 'import') ?? false;
		let total = 0;
		for (const orders of needsNoBoard ? [] : [2000, 5000]) {
			// The embedded database belongs to one process: load data while the server is stopped.
			await app?.stop();
			const services = await startServices({ ...dbOptions, migrationsDir, seed: 'none' });
			await addOrders(services.db.sql, orders - total);
			// The bench signs in like any screen: an owner account and a session of its own.
			if (!sessionToken) {
				const account = await createAccount(services, services.shopActor, {
					name: 'Bench Runner',
					username: 'bench-runner',
					role: 'owner',
					password: 'copper kettle sings at dawn'
				});
				sessionToken = (await createSession(services.db.sql, { userId: account.id })).token;
				// A wall display showing two columns, for the display-soak line.
				const owner = { id: account.id, name: account.displayName, role: 'owner' as const };
				const made = await createDisplay(services, owner, { name: 'Bench TV' });
				await updateDisplayOptions(services, owner, made.display.id, {
					stages: ['casting', 'polishing']
				});
				displayLink = made.linkToken;
			}
			await services.stop();
			total = orders;
			app = await startAppServer(env, APP_PORT);
			if (runs('board-load')) await boardLoad(app, orders);
		}
		if (runs('restart')) {
			// `npm start` on an unchanged install with 5,000 orders: no build, serving in seconds.
			await app?.stop();
			const started = performance.now();
			app = await startAppServer(env, APP_PORT, { launched: true });
			line('restart', { orders: total, serving_ms: Math.round(performance.now() - started) });
		}
		if (runs('move-to-all-screens') && database)
			await commitBaseline({ url: database.url, commits: CLOSED_MOVES, line, percentile });
		for (const count of runs('move-to-all-screens') ? SCREEN_COUNTS : []) {
			for (const processes of PROCESS_COUNTS) {
				if (processes > 1 && !database) {
					line('move-to-all-screens', {
						processes,
						screens: count,
						mode: 'closed',
						skipped: 'needs-a-PostgreSQL-server(DATABASE_URL)'
					});
					continue;
				}
				// Fresh server processes, so the memory per screen is not blurred by earlier runs.
				await app?.stop();
				app = await startAppServer(env, APP_PORT, { inspectPort: INSPECT_PORT });
				const others = await startOthers(env, processes - 1);
				try {
					await moveScenarios([app, ...others], count, !!database);
				} finally {
					await Promise.all(others.map((other) => other.stop()));
				}
			}
			await rawBaseline(count);
		}
		if (runs('failover')) {
			if (!database) {
				line('failover', {
					processes: 3,
					screens: FAILOVER_SCREENS,
					skipped: 'needs-a-PostgreSQL-server(DATABASE_URL)'
				});
			} else {
				await app?.stop();
				app = await startAppServer(env, APP_PORT);
				const others = await startOthers(env, 2);
				try {
					await failoverScenario({
						apps: [app, ...others],
						cookie: `${SESSION_COOKIE}=${sessionToken}`,
						screens: FAILOVER_SCREENS,
						movesPerSecond: FAILOVER_RATE,
						line
					});
				} finally {
					await Promise.all(others.map((other) => other.stop()));
				}
			}
		}
		if (runs('display-soak')) {
			await app?.stop();
			app = await startAppServer(env, APP_PORT);
			await displaySoakScenario({
				app: app!,
				linkToken: displayLink,
				events: DISPLAY_SOAK_EVENTS,
				api,
				line
			});
		}
		for (const [movesPerSecond, seconds] of runs('sustained') ? SUSTAINED : []) {
			await app?.stop();
			app = await startAppServer(env, APP_PORT);
			await sustainedScenario({
				app: app!,
				cookie: `${SESSION_COOKIE}=${sessionToken}`,
				movesPerSecond,
				seconds,
				clients: 10,
				screens: 100,
				line,
				percentile
			});
		}
		if (runs('collab-edit')) {
			// A fresh server process, so the memory of earlier scenarios does not hide the notes'.
			await app?.stop();
			app = await startAppServer(env, APP_PORT);
			await collabScenarios({
				url: app!.url,
				cookie: `${SESSION_COOKIE}=${sessionToken}`,
				orderIds: ((await (await api(`${app!.url}/api/v1/board`)).json()) as Board).orders
					.slice(0, 501)
					.map((order) => order.id),
				rss: () => sampleRss(app!.pid),
				line,
				percentile
			});
		}
		if (SEARCH_ORDERS > 0 && runs('search')) {
			await app?.stop();
			const services = await startServices({ ...dbOptions, migrationsDir, seed: 'none' });
			await addArchivedOrders(services.db.sql, SEARCH_ORDERS - total);
			// Years of history arrive in seconds here: give the planner the statistics a real
			// database would have gathered meanwhile.
			await services.db.sql`analyze`;
			await services.stop();
			app = await startAppServer(env, APP_PORT);
			await searchScenario(app, SEARCH_ORDERS - total, SEARCH_ORDERS);
		}
		if (FORECAST_HISTORY > 0 && runs('forecast')) {
			await app?.stop();
			const services = await startServices({ ...dbOptions, migrationsDir, seed: 'none' });
			await addStageHistory(services.db.sql, FORECAST_HISTORY);
			await services.db.sql`analyze`;
			const rounds = await forecastRounds(services.db.sql, FORECAST_ROUNDS);
			await services.stop();
			app = await startAppServer(env, APP_PORT);
			// The API keeps the history it read: after the first answer, each is the runs alone.
			const http: number[] = [];
			for (let round = 0; round <= FORECAST_ROUNDS; round++) {
				const started = performance.now();
				const response = await api(`${app.url}/api/v1/forecasts`);
				if (!response.ok) throw new Error(`forecasts failed: ${response.status}`);
				await response.text();
				if (round > 0) http.push(performance.now() - started);
			}
			const ms = (values: number[], p: number) => Math.round(percentile(values, p));
			line('forecast', {
				open_orders: FIRST,
				history_orders: FORECAST_HISTORY,
				p50_ms: ms(rounds.first, 50),
				p99_ms: ms(rounds.first, 99)
			});
			line('forecast', {
				open_orders: rounds.open,
				history_orders: FORECAST_HISTORY,
				at_risk: rounds.atRisk,
				p50_ms: ms(rounds.simulated, 50),
				p99_ms: ms(rounds.simulated, 99),
				history_read_p50_ms: ms(rounds.read, 50),
				history_read_p99_ms: ms(rounds.read, 99),
				api_p50_ms: ms(http, 50),
				api_p99_ms: ms(http, 99)
			});
		}
	} finally {
		await app?.stop();
		await database?.drop();
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
}

async function boardLoad(app: BenchServer, orders: number) {
	const times: number[] = [];
	let bytes = 0;
	for (let i = 0; i < 3; i++) await (await api(`${app.url}/api/v1/board`)).text(); // warm-up
	for (let i = 0; i < 25; i++) {
		const start = performance.now();
		const response = await api(`${app.url}/api/v1/board`);
		const body = await response.text();
		times.push(performance.now() - start);
		bytes = body.length;
		if (i === 0 && (JSON.parse(body) as Board).orders.length !== orders)
			throw new Error('board is missing orders');
	}
	const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
	const paints: number[] = [];
	const lives: number[] = [];
	let rendered = 0;
	const firstBytes: number[] = [];
	for (let i = 0; i < 3; i++) {
		const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
		await context.addCookies([{ name: SESSION_COOKIE, value: sessionToken, url: app.url }]);
		const page = await context.newPage();
		await page.goto(app.url, { waitUntil: 'commit' });
		await page.getByText('Live', { exact: true }).waitFor({ timeout: 30_000 });
		const result = await page.evaluate(() => ({
			counted: [...document.querySelectorAll('h2 .count')].reduce(
				(sum, badge) => sum + Number(badge.textContent),
				0
			),
			rendered: document.querySelectorAll('[data-card-id]').length,
			firstPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
			firstByte: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming)
				.responseStart,
			now: performance.now()
		}));
		// Long columns render page by page as they scroll; every order is on the board and counted.
		if (result.counted !== orders)
			throw new Error(`the board counts ${result.counted} of ${orders} orders`);
		rendered = result.rendered;
		paints.push(result.firstPaint);
		firstBytes.push(result.firstByte);
		lives.push(result.now);
		if (i === 2) await applyEvents(app, page, orders);
		await context.close();
	}
	await browser.close();
	line('board-load', {
		orders,
		server_p50_ms: ms(percentile(times, 50)),
		server_p99_ms: ms(percentile(times, 99)),
		json_kb: Math.round(bytes / 1024),
		first_byte_ms: ms(percentile(firstBytes, 50)),
		first_paint_ms: ms(percentile(paints, 50)),
		cards_in_dom: rendered,
		live_ms: ms(percentile(lives, 50))
	});
}

/**
 * What one event costs a screen holding the whole board: the page's script and layout time (from
 * Chromium's own counters) over 50 moves made elsewhere, divided by 50.
 */
async function applyEvents(
	app: BenchServer,
	page: import('@playwright/test').Page,
	orders: number
) {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Performance.enable');
	const metrics = async () =>
		Object.fromEntries(
			(
				(await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }
			).metrics.map((m) => [m.name, m.value])
		);
	const board = (await (await api(`${app.url}/api/v1/board`)).json()) as Board;
	const cards = board.orders.filter((o) => o.stage === 'setting').slice(0, 50);
	const before = await metrics();
	for (const card of cards) {
		await api(`${app.url}/api/v1/orders/${card.id}/move`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ stage: 'polishing', afterId: null, version: card.version })
		});
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
	await page.waitForTimeout(500);
	const after = await metrics();
	const perEvent = (name: string) => ((after[name] - before[name]) * 1000) / cards.length;
	line('apply-event', {
		orders,
		events: cards.length,
		script_ms_per_event: perEvent('ScriptDuration').toFixed(2),
		layout_ms_per_event: perEvent('LayoutDuration').toFixed(2),
		style_ms_per_event: perEvent('RecalcStyleDuration').toFixed(2),
		task_ms_per_event: perEvent('TaskDuration').toFixed(2)
	});
}

async function lastSeq(app: BenchServer): Promise<number> {
	return ((await (await api(`${app.url}/api/v1/health`)).json()) as { seq: number }).seq;
}

/** Further app processes over the same database, on ports of their own. */
function startOthers(env: Record<string, string>, count: number): Promise<BenchServer[]> {
	return Promise.all(OTHER_PORTS.slice(0, count).map((port) => startAppServer(env, port)));
}

/**
 * Moves to screens spread round-robin over `apps` (one process, or several over one PostgreSQL),
 * each move sent to the next process in turn. The open loop and the memory line run on one process.
 */
async function moveScenarios(apps: BenchServer[], count: number, postgresServer: boolean) {
	const [app] = apps;
	const processes = apps.length;
	await api(`${app.url}/api/v1/board`); // warm the board path, as a first screen would
	// And the socket's: the code a first connection loads and compiles is not a screen's cost.
	const warmUp = await Screens.connect(app.url, 10, {
		cookie: `${SESSION_COOKIE}=${sessionToken}`
	});
	warmUp.close();
	await settle();
	const heapBefore = processes === 1 ? await heapAfterGc(app.inspectPort!) : undefined;
	const screens = await Screens.connect(
		apps.map((a) => a.url),
		count,
		{ cookie: `${SESSION_COOKIE}=${sessionToken}` }
	);
	if (heapBefore) {
		const heapAfter = await heapAfterGc(app.inspectPort!);
		// JS objects and the buffers they hold, after a full collection: RSS also moves with
		// PGlite's WebAssembly heap, which grows in steps and never shrinks.
		const held = (reading: typeof heapBefore) => reading.heapUsedKb + reading.externalKb;
		line('memory', {
			screens: count,
			rss_mb: ((await sampleRss(app.pid)) / 1024).toFixed(0),
			heap_mb: (heapAfter.heapUsedKb / 1024).toFixed(1),
			per_screen_kb: ((held(heapAfter) - held(heapBefore)) / count).toFixed(1)
		});
	}
	const board = (await (await api(`${app.url}/api/v1/board`)).json()) as Board;
	const cards = board.orders.filter((o) => o.stage === 'design').slice(0, 200);
	const versions = new Map(cards.map((c) => [c.id, c.version]));
	const stageOf = new Map(cards.map((c) => [c.id, c.stage as string]));
	let sent = 0;
	/** From sending a move until its HTTP answer: the server's (and the database's) part. */
	let answers: number[] = [];

	async function moveOne(card: OrderCard): Promise<number> {
		const version = versions.get(card.id)!;
		const stage = stageOf.get(card.id) === 'design' ? 'casting' : 'design';
		const { latency } = screens.expect(`${card.id}:${version + 1}`);
		const to = apps[sent++ % processes];
		const sentAt = performance.now();
		const response = await api(`${to.url}/api/v1/orders/${card.id}/move`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ stage, afterId: null, version })
		});
		if (!response.ok) {
			throw new Error(
				`move refused: ${response.status} ${await response.text()}\nserver log:\n${to.errors()}`
			);
		}
		answers.push(performance.now() - sentAt);
		versions.set(card.id, version + 1);
		stageOf.set(card.id, stage);
		return latency;
	}

	// Closed loop: one move in flight at a time.
	screens.reset();
	let from = await lastSeq(app);
	const closed: number[] = [];
	const cpu = cpuMeter(apps, postgresServer);
	for (let i = 0; i < CLOSED_MOVES; i++) closed.push(await moveOne(cards[i % cards.length]));
	const cpuPerMove = cpu.perMove(CLOSED_MOVES);
	let to = await lastSeq(app);
	await settle();
	line('move-to-all-screens', {
		processes,
		screens: count,
		mode: 'closed',
		moves: closed.length,
		p50_ms: ms(percentile(closed, 50)),
		p99_ms: ms(percentile(closed, 99)),
		answer_p50_ms: ms(percentile(answers, 50)),
		answer_p99_ms: ms(percentile(answers, 99)),
		...cpuPerMove,
		lost: screens.lost(from, to),
		duplicated: screens.duplicated,
		reordered: screens.reordered
	});
	if (processes > 1) return screens.close();

	// Open loop: moves offered at a fixed rate whatever the answers, each card moved again only
	// once its last move was answered.
	screens.reset();
	answers = [];
	from = await lastSeq(app);
	const open: Promise<number>[] = [];
	const busy = new Set<number>();
	const total = OPEN_RATE * OPEN_SECONDS;
	const started = performance.now();
	let skipped = 0;
	await offerAtRate(total, () => {
		const card = cards.find((c) => !busy.has(c.id));
		if (!card) {
			skipped++;
			return;
		}
		busy.add(card.id);
		open.push(moveOne(card).finally(() => busy.delete(card.id)));
	});
	const openLatencies = await Promise.all(open);
	to = await lastSeq(app);
	await settle();
	const achieved = open.length / ((performance.now() - started) / 1000);
	line('move-to-all-screens', {
		processes,
		screens: count,
		mode: 'open',
		offered_per_s: OPEN_RATE,
		achieved_per_s: achieved.toFixed(0),
		moves: open.length,
		skipped,
		p50_ms: ms(percentile(openLatencies, 50)),
		p99_ms: ms(percentile(openLatencies, 99)),
		answer_p50_ms: ms(percentile(answers, 50)),
		answer_p99_ms: ms(percentile(answers, 99)),
		lost: screens.lost(from, to),
		duplicated: screens.duplicated,
		reordered: screens.reordered
	});
	screens.close();
}

/**
 * The CPU a closed loop of moves costs, per move: the app processes', PostgreSQL's (a server on this
 * machine: all its processes; the embedded database's is the app's own) and the bench's own (its
 * screens and its HTTP client). On two cores, one move at a time is as fast as the sum allows.
 */
function cpuMeter(apps: BenchServer[], postgresServer: boolean) {
	const serverCpu = () => apps.reduce((sum, one) => sum + cpuSeconds(one.pid), 0);
	const postgresCpu = () => (postgresServer ? postgresCpuSeconds() : null);
	const [server, postgres, bench] = [serverCpu(), postgresCpu(), process.cpuUsage()];
	return {
		perMove(moves: number) {
			const perMove = (seconds: number) => ((seconds * 1000) / moves).toFixed(2);
			const used = process.cpuUsage(bench);
			const postgresNow = postgresCpu();
			return {
				cpu_server_ms: perMove(serverCpu() - server),
				...(postgres !== null && postgresNow !== null
					? { cpu_postgres_ms: perMove(postgresNow - postgres) }
					: {}),
				cpu_bench_ms: perMove((used.user + used.system) / 1e6)
			};
		}
	};
}

/** The baseline, with the same number of clients and messages, in both modes. */
async function rawBaseline(count: number) {
	const raw = await startRawServer(RAW_PORT);
	const rawScreens = await Screens.connect(raw.url, count);
	const rawLatencies: number[] = [];
	for (let seq = 1; seq <= CLOSED_MOVES; seq++) {
		const { latency } = rawScreens.expect(`seq:${seq}`);
		await fetch(`${raw.url}/broadcast`, { method: 'POST' });
		rawLatencies.push(await latency);
	}
	await settle();
	line('raw-socketio-broadcast', {
		screens: count,
		mode: 'closed',
		messages: rawLatencies.length,
		p50_ms: ms(percentile(rawLatencies, 50)),
		p99_ms: ms(percentile(rawLatencies, 99)),
		lost: rawScreens.lost(0, CLOSED_MOVES),
		duplicated: rawScreens.duplicated
	});

	// The open mode too, at the same rate: what the clients alone cost this machine.
	rawScreens.reset();
	const total = OPEN_RATE * OPEN_SECONDS;
	const rawOpen: Promise<number>[] = [];
	let refused = 0;
	await offerAtRate(total, (i) => {
		const { latency } = rawScreens.expect(`seq:${CLOSED_MOVES + i + 1}`);
		// Past what the machine serves, a request may fail: its message counts as lost.
		fetch(`${raw.url}/broadcast`, { method: 'POST' }).catch(() => refused++);
		rawOpen.push(latency);
	});
	const rawOpenLatencies = await Promise.all(rawOpen);
	await settle();
	line('raw-socketio-broadcast', {
		screens: count,
		mode: 'open',
		offered_per_s: OPEN_RATE,
		messages: rawOpen.length,
		refused,
		p50_ms: ms(percentile(rawOpenLatencies, 50)),
		p99_ms: ms(percentile(rawOpenLatencies, 99)),
		lost: rawScreens.lost(CLOSED_MOVES, CLOSED_MOVES + total),
		duplicated: rawScreens.duplicated
	});
	rawScreens.close();
	await raw.stop();
}

/** The header's search over the whole history: each kind of match, timed end to end over HTTP. */
async function searchScenario(app: BenchServer, archived: number, orders: number) {
	for (const { kind, q } of searchQueries(archived)) {
		const times: number[] = [];
		for (let i = 0; i < 3; i++)
			await (await api(`${app.url}/api/v1/search?q=${encodeURIComponent(q(i))}`)).text();
		let found = 0;
		for (let i = 0; i < 30; i++) {
			const start = performance.now();
			const response = await api(`${app.url}/api/v1/search?q=${encodeURIComponent(q(i))}`);
			const body = (await response.json()) as { orders: unknown[] };
			times.push(performance.now() - start);
			if (!response.ok) throw new Error(`search failed: ${JSON.stringify(body)}`);
			found += body.orders.length;
		}
		if (found === 0) throw new Error(`search by ${kind} found nothing`);
		line('search', {
			orders,
			by: kind,
			p50_ms: ms(percentile(times, 50)),
			p99_ms: ms(percentile(times, 99))
		});
	}
}

/** Calls `offer` `total` times at OPEN_RATE a second, on schedule whatever the answers do. */
async function offerAtRate(total: number, offer: (index: number) => void): Promise<void> {
	const started = performance.now();
	for (let i = 0; i < total; i++) {
		const wait = started + (i * 1000) / OPEN_RATE - performance.now();
		if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
		offer(i);
	}
}

/** RSS averaged over 2 s: the embedded database's heap makes single readings jump. */
async function sampleRss(pid: number): Promise<number> {
	const samples: number[] = [];
	for (let i = 0; i < 10; i++) {
		await new Promise((resolve) => setTimeout(resolve, 200));
		samples.push(rssKb(pid));
	}
	return samples.reduce((sum, value) => sum + value, 0) / samples.length;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

await main();
process.exit(0);
