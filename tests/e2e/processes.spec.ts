import type { APIRequestContext, BrowserContext } from '@playwright/test';
import { expect, test, type Browser, type Page } from './fixtures';
import { card, dragAbove, shownColumn } from './board-page';
import type { CardAnswer } from '../../src/lib/api/answers';
import type { Health } from '../../src/lib/server/health';
import type { Board } from '../../src/lib/types';
import { nginxInFront } from './behind-nginx';
import { ownServer } from './own-server';
import { demoShopOnPostgres } from './postgres-shop';
import { contextAs, DEMO } from './sign-in';

/**
 * Issue #19 in a browser: three app processes on one PostgreSQL database behind nginx, set up as
 * docs/operations.md says (the systemd template's environment, the TLS site, the upstream of
 * several processes). Screens are placed by nginx itself: its documented `least_conn` gives each new
 * screen's WebSocket to the process with the fewest, so screens opened one after another spread
 * over the processes; each process's /api/v1/health tells the test which one a screen is on. Runs
 * in the `postgres` project only (playwright.config.ts), which exists when TEST_DATABASE_URL names a
 * PostgreSQL server: several processes cannot share the embedded database.
 */
const ADMIN_URL = process.env.TEST_DATABASE_URL!;
const BASE = Number(process.env.E2E_PORT ?? 3107);
const PORTS = { http: BASE + 73, https: BASE + 74, app: [BASE + 70, BASE + 71, BASE + 72] };
const DATA = 'test-results/processes-data';
const RUN = Date.now().toString(36);
const STAGES: [string, string][] = [
	['Intake', 'intake'],
	['Design', 'design'],
	['Casting', 'casting'],
	['Setting', 'setting'],
	['Polishing', 'polishing'],
	['Inspection', 'inspection'],
	['Ready for pickup', 'ready']
];

const proxy = nginxInFront('test-results/processes-nginx', PORTS);
const PROXY_HOST = new URL(proxy.origin).host;
// What nginx adds to every request it passes on (docs/operations.md's site).
const FROM_NGINX = {
	'x-forwarded-proto': 'https',
	'x-forwarded-host': PROXY_HOST,
	'x-forwarded-for': '127.0.0.1'
};
let database: Awaited<ReturnType<typeof demoShopOnPostgres>>;
let apps: ReturnType<typeof ownServer>[] = [];

test.describe('three processes on one PostgreSQL behind nginx, as docs/operations.md sets them up', () => {
	test.beforeAll(async () => {
		test.setTimeout(90_000);
		database = await demoShopOnPostgres(ADMIN_URL, `e2e_processes_${BASE}`, DATA);
		apps = PORTS.app.map((port) =>
			ownServer(port, DATA, 'none', {
				DATABASE_URL: database.url,
				LOG_LEVEL: 'warn',
				// The systemd unit's environment for a process behind nginx.
				PUBLIC_URL: proxy.origin,
				PROTOCOL_HEADER: 'x-forwarded-proto',
				HOST_HEADER: 'x-forwarded-host',
				ADDRESS_HEADER: 'x-forwarded-for',
				XFF_DEPTH: '1'
			})
		);
		await Promise.all(apps.map((app) => app.start()));
		await proxy.start();
	});
	test.afterAll(async () => {
		// The apps first: nginx's graceful stop waits for the WebSockets it still passes on.
		await Promise.all(apps.map((app) => app.stop()));
		await proxy.stop();
		await database?.drop();
	});
	test.beforeEach(async () => {
		// Every screen of the test before has gone, so each process's count is this test's screens.
		await expect.poll(async () => sum(await screensPerProcess())).toBe(0);
	});

	test('a drag on a screen of one process reaches the screens of all three, in the same place', async ({
		browser
	}) => {
		const owner = await signedIn(browser, 'owner');
		const top = await newOrder(owner.request, 'Bezel pendant', 'polishing', null);
		const below = await newOrder(owner.request, 'Hoop earrings', 'polishing', top.id);
		const moving = await newOrder(owner.request, 'Cushion halo ring');
		const screens = await oneScreenOnEachProcess(owner);

		const [a] = screens;
		// Onto the upper part of the lower card: the card goes between the two.
		await dragAbove(a, moving.number, below.number);

		const expected = [top.number, moving.number, below.number];
		for (const page of screens) {
			await expect
				.poll(async () =>
					(await shownColumn(page, 'Polishing')).filter((n) => expected.includes(n))
				)
				.toEqual(expected);
		}
		await expectShowsTheServersBoard(screens, owner.request);
		await owner.close();
	});

	test("signing out ends that session's screens on every process, and no one else's", async ({
		browser,
		playwright
	}) => {
		const staff = await signedIn(browser, 'staff');
		const staffScreens = await oneScreenOnEachProcess(staff);
		const owner = await signedIn(browser, 'owner');
		const ownerScreens = await oneScreenOnEachProcess(owner);

		// Signed out from elsewhere (another tab, as the server sees it): the screens keep their cookie,
		// so each process must refuse the ended session itself, not just lose a cookie.
		const elsewhere = await playwright.request.newContext({
			baseURL: proxy.origin,
			ignoreHTTPSErrors: true,
			storageState: await staff.storageState()
		});
		const signedOut = await elsewhere.post('/logout', {
			headers: { origin: proxy.origin, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(signedOut.status()).toBe(303);
		await elsewhere.dispose();

		for (const page of staffScreens) await expect(page).toHaveURL(/\/login/, { timeout: 15_000 });
		await expect.poll(screensPerProcess).toEqual([1, 1, 1]);
		// The owner's screens, one on each process, are still live: a move reaches every one.
		const moving = await newOrder(owner.request, 'Signet ring');
		const moved = await move(owner.request, moving, 'design');
		for (const page of ownerScreens) {
			await expect(page.getByText('Live', { exact: true })).toBeVisible();
			await expect.poll(async () => (await shownColumn(page, 'Design'))[0]).toBe(moved.number);
		}
		await Promise.all([staff.close(), owner.close()]);
	});

	test('failed sign-ins are counted across processes: five spread over three lock the account on all', async ({
		browser,
		playwright
	}) => {
		const { username, password } = DEMO.manager;
		const request = await playwright.request.newContext({ storageState: undefined });
		// As nginx passes them on, but each to a process the test chooses: none sees five itself.
		const signInOn = (port: number, tried: string) =>
			request.post(`http://127.0.0.1:${port}/login`, {
				form: { username, password: tried },
				headers: { ...FROM_NGINX, origin: proxy.origin, accept: 'text/html' },
				maxRedirects: 0
			});
		for (const port of [...PORTS.app, ...PORTS.app.slice(0, 2)]) {
			expect((await signInOn(port, 'not-the-password')).status()).toBe(400);
		}
		for (const port of PORTS.app) {
			const refused = await signInOn(port, password);
			expect(refused.status()).toBe(429);
			expect(await refused.text()).toContain('Too many failed sign-ins');
		}

		// And in a browser through nginx, whichever process answers.
		const context = await browser.newContext({
			baseURL: proxy.origin,
			ignoreHTTPSErrors: true,
			storageState: undefined
		});
		const page = await context.newPage();
		await page.goto('/login');
		await page.getByLabel('Username').fill(username);
		await page.getByLabel('Password').fill(password);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page.getByRole('alert')).toContainText(/Too many failed sign-ins/);
		await expect(page).toHaveURL(/\/login/);
		await context.close();
		await request.dispose();
	});

	test("a killed process's screens reconnect through nginx to another and show every move made meanwhile", async ({
		browser
	}) => {
		test.setTimeout(60_000);
		const owner = await signedIn(browser, 'owner');
		const first = await newOrder(owner.request, 'Marquise wedding set');
		const second = await newOrder(owner.request, 'Pearl drop earrings');
		const held = new Map<Page, Awaited<ReturnType<typeof holdReconnects>>>();
		const screens = await oneScreenOnEachProcess(owner, async (page) => {
			held.set(page, await holdReconnects(page));
		});
		const [victim, ...others] = screens;
		await victim.evaluate(
			() => ((window as unknown as { notReloaded: boolean }).notReloaded = true)
		);

		// Its reconnects wait until the moves below are done, so they are all "meanwhile".
		held.get(victim)!.hold();
		await apps[0].kill();
		await expect(victim.getByText(/Offline: as of/)).toBeVisible();

		const movedFirst = await move(owner.request, first, 'ready');
		await move(owner.request, second, 'ready', movedFirst.id);
		const renamed = await owner.request.patch(`/api/v1/orders/${second.id}`, {
			headers: { origin: proxy.origin },
			data: { version: second.version + 1, title: `Pearl drop earrings, 14k ${RUN}` }
		});
		expect(renamed.status(), await renamed.text()).toBe(200);
		const created = await newOrder(owner.request, 'Tennis bracelet');

		const caughtUp = victim.waitForRequest((r) => r.url().includes('/api/v1/events?after='));
		held.get(victim)!.release();
		await caughtUp;
		// Now on one of the two processes left, beside the screens they had.
		await expect.poll(async () => (await screensPerProcess(apps.slice(1))).sort()).toEqual([1, 2]);
		await expect(victim.getByText(/Offline: as of/)).toBeHidden();
		await expect(card(victim, created.number)).toBeAttached();
		await expect(card(victim, second.number)).toContainText(`Pearl drop earrings, 14k ${RUN}`);
		await expectShowsTheServersBoard([victim, ...others], owner.request);
		expect(
			await victim.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)
		).toBe(true);
		await owner.close();
		expect(proxy.log()).not.toMatch(/\[(emerg|alert|crit)\]/);
	});
});

/** A browser context signed in through nginx, as one of the demo staff. */
function signedIn(browser: Browser, who: keyof typeof DEMO) {
	return contextAs(browser, proxy.origin, who, {
		ignoreHTTPSErrors: true,
		viewport: { width: 1600, height: 1000 }
	});
}

const sum = (numbers: number[]) => numbers.reduce((total, n) => total + n, 0);

/** The board screens open on each process, from each process's own health (no sign-in needed). */
async function screensPerProcess(of = apps): Promise<number[]> {
	return Promise.all(
		of.map(async (app) => {
			const health = (await (await fetch(`${app.baseURL}/api/v1/health`)).json()) as Health;
			return health.screens.board;
		})
	);
}

/**
 * Opens boards through nginx one after another until each process has one of this context's, and
 * returns them in the processes' order (apps[0], apps[1], apps[2]). least_conn counts a page's own
 * requests in flight beside the open sockets, so a screen may land beside another now and then:
 * such a screen is closed and another opened. With ip_hash every one would land on one process.
 */
async function oneScreenOnEachProcess(
	context: BrowserContext,
	prepare: (page: Page) => Promise<void> = async () => {}
): Promise<Page[]> {
	const placed: Page[] = [];
	for (let opened = 0; placed.filter(Boolean).length < apps.length; opened++) {
		expect(opened, 'nginx kept sending new screens to processes that had one').toBeLessThan(9);
		const before = await screensPerProcess();
		const page = await context.newPage();
		await prepare(page);
		await page.goto('/');
		await expect(page.getByText('Live', { exact: true })).toBeVisible();
		let after = before;
		await expect.poll(async () => sum((after = await screensPerProcess()))).toBe(sum(before) + 1);
		const on = after.findIndex((count, j) => count > before[j]);
		if (!placed[on]) {
			placed[on] = page;
			continue;
		}
		await page.close();
		await expect.poll(async () => sum(await screensPerProcess())).toBe(sum(before));
	}
	return placed;
}

/**
 * Lets a test keep a page's socket.io WebSocket from reconnecting for a while (the socket it has
 * goes on through as it is, and closes when its server does).
 */
async function holdReconnects(page: Page) {
	let holding = false;
	await page.routeWebSocket(/\/socket\.io\//, (ws) => {
		if (holding) return void ws.close();
		ws.connectToServer();
	});
	return {
		hold: () => void (holding = true),
		release: () => void (holding = false)
	};
}

/** Every column of every screen is the server's, card for card and in order (a long column shows
 * its first 50 until scrolled). */
async function expectShowsTheServersBoard(screens: Page[], request: APIRequestContext) {
	const board = (await (await request.get('/api/v1/board')).json()) as Board;
	for (const page of screens) {
		for (const [name, stage] of STAGES) {
			const numbers = board.orders.filter((o) => o.stage === stage).map((o) => o.number);
			await expect.poll(() => shownColumn(page, name)).toEqual(numbers.slice(0, 50));
		}
	}
}

async function newOrder(
	request: APIRequestContext,
	title: string,
	stage = 'intake',
	afterId: number | null = null
) {
	const created = await request.post('/api/v1/orders', {
		headers: { origin: proxy.origin },
		data: { customer: { givenName: 'Chloe', familyName: 'Martin' }, title: `${title} ${RUN}` }
	});
	expect(created.status(), await created.text()).toBe(201);
	const card = ((await created.json()) as CardAnswer).card;
	return stage === 'intake' ? card : move(request, card, stage, afterId);
}

async function move(
	request: APIRequestContext,
	order: { id: number; version: number },
	stage: string,
	afterId: number | null = null
) {
	const moved = await request.post(`/api/v1/orders/${order.id}/move`, {
		headers: { origin: proxy.origin },
		data: { stage, afterId, version: order.version }
	});
	expect(moved.status(), await moved.text()).toBe(200);
	return ((await moved.json()) as CardAnswer).card;
}
