import fs from 'node:fs';
import { expect, test, type APIRequestContext, type Browser } from './fixtures';
import { card, column, dragAbove, shownColumn } from './board-page';
import type { Board, OrderCard } from '../../src/lib/types';
import { ownServer } from './own-server';
import { contextAs } from './sign-in';
import { controlSocket } from './socket-control';
import type { CardAnswer } from '../../src/lib/api/answers';

const STAGES = [
	'Intake',
	'Design',
	'Casting',
	'Setting',
	'Polishing',
	'Inspection',
	'Ready for pickup'
];
const STAGE_IDS: Record<string, string> = {
	Intake: 'intake',
	Design: 'design',
	Casting: 'casting',
	Setting: 'setting',
	Polishing: 'polishing',
	Inspection: 'inspection',
	'Ready for pickup': 'ready'
};
const RUN = Date.now().toString(36);
const json = { 'content-type': 'application/json' };

async function newOrder(
	request: APIRequestContext,
	title: string,
	stage = 'intake',
	afterId: number | null = null
) {
	const created = await request.post('/api/v1/orders', {
		headers: json,
		data: { customer: { givenName: 'Chloe', familyName: 'Martin' }, title: `${title} ${RUN}` }
	});
	expect(created.status()).toBe(201);
	let card = ((await created.json()) as CardAnswer).card;
	if (stage !== 'intake') {
		const moved = await request.post(`/api/v1/orders/${card.id}/move`, {
			headers: json,
			data: { stage, afterId, version: card.version }
		});
		expect(moved.status()).toBe(200);
		card = ((await moved.json()) as CardAnswer).card;
	}
	return card;
}

async function serverColumn(
	request: APIRequestContext,
	stage: string,
	baseURL = ''
): Promise<string[]> {
	const board = (await (await request.get(`${baseURL}/api/v1/board`)).json()) as Board;
	return board.orders.filter((o) => o.stage === stage).map((o) => o.number);
}

async function openBoard(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}) {
	const context = await browser.newContext(options);
	const page = await context.newPage();
	await page.goto('/');
	await expect(page.getByText('Live', { exact: true })).toBeVisible();
	return page;
}

test('the board shows seven named columns with counts, and cards named by their number', async ({
	page,
	request
}) => {
	await page.goto('/');
	const board = (await (await request.get('/api/v1/board')).json()) as Board;
	for (const name of STAGES) {
		const list = column(page, name);
		await expect(list).toBeVisible();
		const count = board.orders.filter((o) => o.stage === STAGE_IDS[name]).length;
		// A long column renders 50 cards at first (more as it scrolls); its count says them all.
		await expect(list.locator('[data-card-id]')).toHaveCount(Math.min(count, 50));
		await expect(
			page.getByRole('region', { name: new RegExp(`^${name}`) }).getByLabel(`${count} orders`)
		).toBeVisible();
	}
	const first = board.orders[0];
	await expect(card(page, first.number)).toContainText(first.title);
	await expect(card(page, first.number)).toContainText(first.customerName);
});

test('a mouse drag on one screen shows on every other screen in the same place, and survives a reload', async ({
	browser,
	request
}) => {
	const top = await newOrder(request, 'Bezel pendant', 'polishing', null);
	const below = await newOrder(request, 'Hoop earrings', 'polishing', top.id);
	const moving = await newOrder(request, 'Cushion halo ring');
	const [a, b, c] = [await openBoard(browser), await openBoard(browser), await openBoard(browser)];

	// Onto the upper part of the lower card: the card goes between the two.
	await dragAbove(a, moving.number, below.number);

	const expected = [top.number, moving.number, below.number];
	for (const page of [a, b, c]) {
		await expect
			.poll(async () => (await shownColumn(page, 'Polishing')).filter((n) => expected.includes(n)))
			.toEqual(expected);
	}
	await expect
		.poll(async () =>
			(await serverColumn(request, 'polishing')).filter((n) => expected.includes(n))
		)
		.toEqual(expected);
	await b.reload();
	expect((await shownColumn(b, 'Polishing')).filter((n) => expected.includes(n))).toEqual(expected);
	await Promise.all([a, b, c].map((page) => page.context().close()));
});

test('an order created on one screen appears in Intake on the others', async ({ browser }) => {
	const [a, b] = [await openBoard(browser), await openBoard(browser)];
	const title = `Emerald engagement ring ${RUN}`;
	await a.getByRole('button', { name: 'New order' }).click();
	const dialog = a.getByRole('dialog', { name: 'New custom order' });
	await dialog.getByLabel('Find the customer').fill('Amara');
	// A customer of that name exists; this is another Amara, so a new customer.
	await dialog.getByRole('option', { name: /New customer/ }).click();
	await expect(dialog.getByLabel('First name')).toHaveValue('Amara');
	await dialog.getByLabel('Last name').fill('Nwosu-Reyes');
	await dialog.getByLabel('Piece type').selectOption('engagement_ring');
	await dialog.getByLabel('Piece', { exact: true }).fill(title);
	await dialog.getByLabel('Due date').fill('2027-03-14');
	await dialog.getByLabel(/Rush/).check();
	await dialog.getByRole('button', { name: 'Create order' }).click();
	await expect(dialog).toBeHidden();
	await expect(a.getByRole('status').filter({ hasText: 'was created in Intake' })).toBeVisible();
	// The new order opens beside the board, to be taken in further.
	await expect(a).toHaveURL(/\/orders\/\d+$/);
	await expect(a.getByRole('dialog').getByRole('heading', { name: title })).toBeVisible();
	for (const page of [a, b]) {
		const created = column(page, 'Intake').getByRole('listitem', { name: new RegExp(title) });
		await expect(created).toBeAttached();
		await expect(created).toContainText('Amara Nwosu-Reyes');
		await expect(created).toContainText('Rush');
	}
	await Promise.all([a, b].map((page) => page.context().close()));
});

test("a tab keeps one live link: the side panel listens on the board's, and both follow a change", async ({
	browser,
	request
}) => {
	const card = await newOrder(request, 'Signet ring, oval face');
	const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
	const page = await context.newPage();
	const links: string[] = [];
	page.on('websocket', (socket) => {
		if (socket.url().includes('/socket.io/')) links.push(socket.url());
	});
	await page.goto('/');
	await expect(page.getByText('Live', { exact: true })).toBeVisible();
	await column(page, 'Intake')
		.getByRole('listitem', { name: new RegExp(`Signet ring, oval face ${RUN}`) })
		.getByRole('heading')
		.click();
	const panel = page.getByRole('dialog');
	await expect(panel.getByRole('heading', { name: /Signet ring, oval face/ })).toBeVisible();

	// Someone else renames it: the panel and the card behind it both show the new name.
	const renamed = `Signet ring, cushion face ${RUN}`;
	const patched = await request.patch(`/api/v1/orders/${card.id}`, {
		headers: json,
		data: { version: card.version, title: renamed }
	});
	expect(patched.status()).toBe(200);
	await expect(panel.getByRole('heading', { name: renamed })).toBeVisible();
	await expect(
		column(page, 'Intake').getByRole('listitem', { name: new RegExp(renamed) })
	).toBeAttached();
	expect(links).toHaveLength(1);
	await context.close();
});

test('a touch drag on a tablet moves a card', async ({ browser, request }) => {
	const moving = await newOrder(request, 'Tennis bracelet');
	const tablet = await openBoard(browser, {
		hasTouch: true,
		viewport: { width: 1024, height: 768 }
	});
	const watcher = await openBoard(browser);
	const cdp = await tablet.context().newCDPSession(tablet);
	await card(tablet, moving.number).scrollIntoViewIfNeeded();
	const from = await card(tablet, moving.number).boundingBox();
	const design = await column(tablet, 'Design').boundingBox();
	const start = { x: from!.x + 30, y: from!.y + 40 };
	const end = { x: design!.x + design!.width / 2, y: design!.y + 12 };
	// A quick swipe up the column is a scroll, not a drag: the card stays in Intake.
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [start] });
	for (let step = 1; step <= 6; step++) {
		const point = { x: start.x, y: start.y - step * 15 };
		await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [point] });
	}
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
	await tablet.waitForTimeout(300);
	expect(await shownColumn(tablet, 'Intake')).toContain(moving.number);
	await expect(tablet.locator('.drop-line')).toHaveCount(0);
	await card(tablet, moving.number).scrollIntoViewIfNeeded();
	const held = await card(tablet, moving.number).boundingBox();
	start.x = held!.x + 30;
	start.y = held!.y + 40;

	await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [start] });
	await tablet.waitForTimeout(400); // a hold starts the drag
	for (let step = 1; step <= 12; step++) {
		const point = {
			x: start.x + ((end.x - start.x) * step) / 12,
			y: start.y + ((end.y - start.y) * step) / 12
		};
		await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [point] });
		await tablet.waitForTimeout(16);
	}
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
	for (const page of [tablet, watcher]) {
		await expect.poll(async () => (await shownColumn(page, 'Design'))[0]).toBe(moving.number);
	}
	expect((await serverColumn(request, 'design'))[0]).toBe(moving.number);
	await Promise.all([tablet, watcher].map((page) => page.context().close()));
});

test('keyboard moves work, keep focus on the card, and are announced', async ({
	browser,
	request
}) => {
	const moving = await newOrder(request, 'Signet ring', 'casting');
	const page = await openBoard(browser);
	const other = await openBoard(browser);
	await card(page, moving.number).focus();
	await page.keyboard.press('Alt+ArrowRight');
	await expect(
		column(page, 'Setting').getByRole('listitem', { name: new RegExp(`^${moving.number}:`) })
	).toBeVisible();
	await expect(page.getByTestId('announcer')).toContainText(`${moving.number} moved to Setting`);
	await expect(card(page, moving.number)).toBeFocused();

	// The Move menu, by keyboard alone.
	await page.keyboard.press('m');
	const menu = page.getByRole('menu', { name: `Move ${moving.number}` });
	await expect(menu).toBeVisible();
	await menu.getByRole('menuitem', { name: 'To Inspection' }).press('Enter');
	for (const screen of [page, other]) {
		await expect(
			column(screen, 'Inspection').getByRole('listitem', { name: new RegExp(`^${moving.number}:`) })
		).toBeVisible();
	}
	await expect(page.getByTestId('announcer')).toContainText(`${moving.number} moved to Inspection`);
	expect(await serverColumn(request, 'inspection')).toContain(moving.number);
	await Promise.all([page, other].map((p) => p.context().close()));
});

test('two screens moving the same card at once both end showing the server-decided result', async ({
	browser,
	request
}) => {
	const contested = await newOrder(request, 'Three-stone ring', 'design');
	const [a, b] = [await openBoard(browser), await openBoard(browser)];
	// Hold each screen's move request until both are on their way, so they truly race.
	let release!: () => void;
	const bothSent = new Promise<void>((resolve) => (release = resolve));
	let held = 0;
	for (const page of [a, b]) {
		await page.route('**/api/v1/orders/*/move', async (route) => {
			if (++held === 2) release();
			await bothSent;
			await route.continue();
		});
	}
	await card(a, contested.number)
		.getByRole('button', { name: `Move ${contested.number}` })
		.click();
	await a.getByRole('menuitem', { name: 'To Setting' }).click();
	await card(b, contested.number)
		.getByRole('button', { name: `Move ${contested.number}` })
		.click();
	await b.getByRole('menuitem', { name: 'To Casting' }).click();
	// Both sent version 1: the server takes one and refuses the other, which says why.
	const refusals = [a, b].map((page) =>
		page.getByRole('alert').filter({ hasText: 'changed by someone else' })
	);
	await expect.poll(async () => (await refusals[0].count()) + (await refusals[1].count())).toBe(1);
	const whereOnServer = async () => {
		const board = (await (await request.get('/api/v1/board')).json()) as Board;
		return board.orders.find((o) => o.id === contested.id)!.stage;
	};
	await expect.poll(whereOnServer).toMatch(/^(setting|casting)$/);
	const settled = await whereOnServer();
	const label = settled === 'setting' ? 'Setting' : 'Casting';
	for (const page of [a, b]) {
		await expect(
			column(page, label).getByRole('listitem', { name: new RegExp(`^${contested.number}:`) })
		).toBeVisible();
		await expect(page.locator(`[data-card-id="${contested.id}"]`)).toHaveCount(1);
	}
	await Promise.all([a, b].map((page) => page.context().close()));
});

test('a screen whose connection dropped says so and catches up exactly without a reload', async ({
	browser,
	request
}) => {
	const first = await newOrder(request, 'Marquise wedding set');
	const second = await newOrder(request, 'Pearl drop earrings');
	const context = await browser.newContext();
	const page = await context.newPage();
	const socket = await controlSocket(page);
	await page.goto('/');
	await expect(page.getByText('Live', { exact: true })).toBeVisible();
	await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

	await socket.cut();
	await expect(
		page.getByRole('status').filter({ hasText: /Offline: as of \d{1,2}:\d{2}.*reconnecting/ })
	).toBeVisible();

	// Meanwhile another screen moves both cards and edits one.
	const movedFirst = await request.post(`/api/v1/orders/${first.id}/move`, {
		headers: json,
		data: { stage: 'ready', afterId: null, version: first.version }
	});
	expect(movedFirst.status()).toBe(200);
	const movedSecond = await request.post(`/api/v1/orders/${second.id}/move`, {
		headers: json,
		data: { stage: 'ready', afterId: first.id, version: second.version }
	});
	expect(movedSecond.status()).toBe(200);
	const renamed = await request.patch(`/api/v1/orders/${second.id}`, {
		headers: json,
		data: { version: second.version + 1, title: `Pearl drop earrings, 14k ${RUN}` }
	});
	expect(renamed.status()).toBe(200);
	await page.waitForTimeout(300);
	expect(await shownColumn(page, 'Ready for pickup')).not.toContain(first.number);

	const caughtUp = page.waitForRequest((r) => r.url().includes('/api/v1/events?after='));
	socket.allow();
	await caughtUp;
	await expect
		.poll(async () => (await shownColumn(page, 'Ready for pickup')).slice(0, 2))
		.toEqual([first.number, second.number]);
	await expect(card(page, second.number)).toContainText(`Pearl drop earrings, 14k ${RUN}`);
	await expect(page.getByText(/Offline: as of/)).toBeHidden();
	await expect(page.getByText('Live', { exact: true })).toBeVisible();
	expect(
		await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)
	).toBe(true);
	await context.close();
});

test.describe('a server restart', () => {
	const port = 3108;
	const baseURL = `http://127.0.0.1:${port}`;
	const dataDir = 'test-results/restart-data';
	const server = ownServer(port, dataDir, 'demo');
	const startServer = () => server.start();
	const stopServer = () => server.stop();

	test.beforeAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
	test.afterAll(() => server.stop());

	test('screens reconnect after a restart and catch up on what they missed', async ({
		browser,
		request
	}) => {
		test.setTimeout(90_000);
		await startServer();
		const context = await contextAs(browser, baseURL, 'owner');
		const page = await context.newPage();
		const socket = await controlSocket(page);
		await page.goto('/');
		await expect(page.getByText('Live', { exact: true })).toBeVisible();
		await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
		const intake = await shownColumn(page, 'Intake');

		socket.cut(); // keep the screen away until the moves below are done
		await stopServer();
		await expect(page.getByText(/Offline: as of/)).toBeVisible();
		await startServer();
		const board = (await (await context.request.get(`${baseURL}/api/v1/board`)).json()) as Board;
		const moving = board.orders.find((o) => o.number === intake[0])!;
		const moved = await context.request.post(`${baseURL}/api/v1/orders/${moving.id}/move`, {
			headers: json,
			data: { stage: 'design', afterId: null, version: moving.version }
		});
		expect(moved.status()).toBe(200);

		const caughtUp = page.waitForRequest((r) => r.url().includes('/api/v1/events?after='));
		socket.allow();
		await caughtUp;
		await expect
			.poll(async () => (await shownColumn(page, 'Design'))[0], { timeout: 15_000 })
			.toBe(moving.number);
		await expect(page.getByText(/Offline: as of/)).toBeHidden();
		expect(
			await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)
		).toBe(true);
		await context.close();
	});
});

test('a long column counts every order and renders more cards as it is scrolled', async ({
	browser,
	request
}) => {
	const made: OrderCard[] = [];
	for (let i = 0; i < 60; i++) made.push(await newOrder(request, `Melee band ${i}`, 'inspection'));
	const page = await openBoard(browser);
	const total = (await serverColumn(request, 'inspection')).length;
	expect(total).toBeGreaterThan(60);
	await expect(
		page.getByRole('region', { name: /^Inspection/ }).getByLabel(`${total} orders`)
	).toBeVisible();
	const list = column(page, 'Inspection');
	expect(await list.locator('[data-card-id]').count()).toBeLessThan(total);
	// The first made is now the lowest of the sixty; scrolling down brings it in.
	for (let i = 0; i < 10 && !(await card(page, made[0].number).count()); i++) {
		await list.evaluate((ul) => ul.scrollTo(0, ul.scrollHeight));
		await page.waitForTimeout(150);
	}
	await expect(card(page, made[0].number)).toBeAttached();
	expect(await shownColumn(page, 'Inspection')).toEqual(await serverColumn(request, 'inspection'));
	await page.context().close();
});
