// The display-soak line: a wall display in Chromium receives thousands of events, as a TV does over
// weeks; its JS heap (after a garbage collection) and its DOM must end where they started.
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from '../scripts/chromium';
import type { Board } from '../src/lib/types';
import type { BenchServer } from './server';
import type { CardAnswer } from '../src/lib/api/answers';

export interface DisplaySoakOptions {
	app: BenchServer;
	/** The display's one-time link token (made while the server was stopped). */
	linkToken: string;
	events: number;
	api: (url: string, init?: RequestInit) => Promise<Response>;
	line: (name: string, fields: Record<string, string | number>) => void;
}

const STAGES = ['casting', 'polishing'] as const;

export async function displaySoakScenario(options: DisplaySoakOptions): Promise<void> {
	const { app, api } = options;
	const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
	const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
	const screen = await context.newPage();
	await screen.goto(`${app.url}/display/connect/${options.linkToken}`);
	await screen.waitForURL(/\/display$/);
	await screen.locator('[data-card-id], li').first().waitFor({ timeout: 30_000 });

	const board = (await (await api(`${app.url}/api/v1/board`)).json()) as Board;
	const cards = board.orders.filter((o) => (STAGES as readonly string[]).includes(o.stage));
	const lanes = cards.slice(0, 10);
	const state = new Map(lanes.map((o) => [o.id, { stage: o.stage, version: o.version }]));
	let sent = 0;
	/** Ten lanes move their own card back and forth between the two columns. */
	async function churn(moves: number) {
		await Promise.all(
			lanes.map(async (card, lane) => {
				for (let i = lane; i < moves; i += lanes.length) {
					const now = state.get(card.id)!;
					const stage = now.stage === 'casting' ? 'polishing' : 'casting';
					const response = await api(`${app.url}/api/v1/orders/${card.id}/move`, {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify({ stage, afterId: null, version: now.version })
					});
					if (!response.ok) throw new Error(`move refused: ${await response.text()}`);
					state.set(card.id, {
						stage,
						version: ((await response.json()) as CardAnswer).card.version
					});
					sent++;
				}
			})
		);
	}
	const cdp = await context.newCDPSession(screen);
	async function measure() {
		// The screen settles (highlights fade) before it is measured.
		await screen.waitForTimeout(5_000);
		await cdp.send('HeapProfiler.collectGarbage');
		const { usedSize } = await cdp.send('Runtime.getHeapUsage');
		const nodes = await screen.evaluate(() => document.getElementsByTagName('*').length);
		return { heap: usedSize, nodes };
	}

	await churn(300);
	const before = await measure();
	const started = performance.now();
	await churn(options.events);
	const seconds = (performance.now() - started) / 1000;
	const after = await measure();
	const reloaded = await screen.evaluate(
		() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).type
	);
	options.line('display-soak', {
		events: options.events,
		per_s: (options.events / seconds).toFixed(0),
		heap_mb_start: (before.heap / 1e6).toFixed(1),
		heap_mb_end: (after.heap / 1e6).toFixed(1),
		heap_growth_pct: ((100 * (after.heap - before.heap)) / before.heap).toFixed(1),
		dom_nodes_start: before.nodes,
		dom_nodes_end: after.nodes,
		dom_growth_pct: ((100 * (after.nodes - before.nodes)) / before.nodes).toFixed(1),
		moves_sent: sent,
		navigation: reloaded
	});
	await browser.close();
}
