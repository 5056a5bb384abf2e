import fs from 'node:fs';
import { expect, test, type Page } from './fixtures';
import { displayLink, openDisplay } from './wall-display';
import { card, column, shownColumn } from './board-page';
import type { Board } from '../../src/lib/types';
import { ownServer } from './own-server';
import { contextAs } from './sign-in';
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
const RUN = Date.now().toString(36);
const json = { 'content-type': 'application/json' };

/**
 * The font size of every line of text on the display, as the TV renders it: card titles apart from
 * every other line (numbers, names, blockers, dates, flags, column heads, the clock, the pager).
 */
async function textSizes(screen: Page) {
	return screen.evaluate(() => {
		const lines: { text: string; px: number; title: boolean }[] = [];
		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const text = node.textContent?.trim();
			const element = node.parentElement;
			if (!text || !element || !element.getClientRects().length) continue;
			if (element.closest('script, style, [hidden]')) continue;
			const style = getComputedStyle(element);
			if (style.visibility === 'hidden' || style.display === 'none') continue;
			lines.push({
				text,
				px: parseFloat(style.fontSize),
				title: element.closest('h3') !== null
			});
		}
		return lines;
	});
}

/** Every title at 28 px at least and every other line at 22 px at least, from 3 m away. */
async function expectReadableFromTheRoom(screen: Page) {
	const lines = await textSizes(screen);
	expect(lines.filter((line) => line.title).length).toBeGreaterThan(0);
	expect(lines.filter((line) => line.title && line.px < 28)).toEqual([]);
	expect(lines.filter((line) => !line.title && line.px < 22)).toEqual([]);
}

const notReloaded = (screen: Page) =>
	screen.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded);

test('a display link at 1920x1080 shows every stage on one screen, customers masked', async ({
	browser,
	page,
	request
}) => {
	const board = (await (await request.get('/api/v1/board')).json()) as Board;
	const screen = await openDisplay(browser, await displayLink(page, `Workshop wall ${RUN}`));
	for (const stage of STAGES) {
		const list = column(screen, stage);
		await expect(list).toBeVisible();
		// The whole column is on the screen: nothing needs scrolling.
		const box = (await list.locator('xpath=ancestor::section').boundingBox())!;
		expect(box.x + box.width).toBeLessThanOrEqual(1920);
		expect(box.y + box.height).toBeLessThanOrEqual(1080);
	}
	expect(
		await screen.evaluate(() => [
			document.documentElement.scrollWidth <= innerWidth,
			document.documentElement.scrollHeight <= innerHeight
		])
	).toEqual([true, true]);

	// A card shown in full names its customer by first name and initial (a crowded column's
	// compact rows, after the other tests, name nobody); its long title wraps onto more lines.
	const fullIds = await screen
		.locator('li[data-card-id]:has(article.card:not(.compact))')
		.evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-card-id'))));
	const fullOrder = board.orders
		.filter((o) => fullIds.includes(o.id))
		.sort((a, b) => b.title.length - a.title.length)[0];
	expect(fullOrder.title.length).toBeGreaterThan(30);
	const fullCard = screen.locator(`li[data-card-id="${fullOrder.id}"]`);
	await expect(fullCard).toContainText(fullOrder.customerShortName);
	await expectReadableFromTheRoom(screen);
	const titleLines = await fullCard
		.getByRole('heading')
		.evaluate((title) =>
			Math.round(title.clientHeight / parseFloat(getComputedStyle(title).lineHeight))
		);
	expect(titleLines).toBeGreaterThanOrEqual(2);
	await expect(screen.getByText(/new in stage/i)).toHaveCount(0);
	const html = await screen.content();
	for (const secret of [
		fullOrder.customerName,
		'Bennett',
		'555-0142',
		'olivia.bennett@example.com',
		'Proposal in Paris'
	])
		expect(html).not.toContain(secret);
	await screen.screenshot({ path: test.info().outputPath('display-1080p.png') });
	await screen.context().close();
});

test('a move on a staff screen appears on the display, highlighted where it lands', async ({
	browser,
	page,
	request
}) => {
	const screen = await openDisplay(browser, await displayLink(page, `Bench wall ${RUN}`));
	const created = await request.post('/api/v1/orders', {
		headers: json,
		data: {
			customer: { givenName: 'Harriet', familyName: 'Vandermeer' },
			title: `Bezel pendant ${RUN}`
		}
	});
	expect(created.status()).toBe(201);
	const order = ((await created.json()) as CardAnswer).card;
	await expect(card(screen, order.number)).toBeVisible();

	const moved = await request.post(`/api/v1/orders/${order.id}/move`, {
		headers: json,
		data: { stage: 'polishing', afterId: null, version: order.version }
	});
	expect(moved.status()).toBe(200);
	const landed = column(screen, 'Polishing').getByRole('listitem', {
		name: new RegExp(`^${order.number}:`)
	});
	await expect(landed).toBeVisible();
	await expect(landed).toHaveClass(/arrived/);
	// Shown in full in a short column: the customer as first name and initial only.
	await expect(landed).toContainText('Harriet V.');
	await expect(column(screen, 'Intake').locator(`[data-card-id="${order.id}"]`)).toHaveCount(0);
	await expect(screen.getByText('Vandermeer')).toHaveCount(0);
	expect(await notReloaded(screen)).toBe(true);
	await screen.context().close();
});

test('the owner sets a display to Setting and Polishing, by due date, without assignees; it applies them live', async ({
	browser,
	page,
	request
}) => {
	const name = `Setting bench TV ${RUN}`;
	const screen = await openDisplay(browser, await displayLink(page, name));
	await expect(screen.getByRole('list')).toHaveCount(7);
	const board = (await (await request.get('/api/v1/board')).json()) as Board;
	const setting = board.orders.filter((o) => o.stage === 'setting');
	const assigned = setting.filter((o) => o.assignee);
	expect(assigned.length).toBeGreaterThan(0);
	await expect(column(screen, 'Setting').locator('li:not(.compact)').first()).toContainText(/⚒/);
	for (const order of assigned) {
		const shown = card(screen, order.number);
		// A compact row (in a crowded column) shows number, piece and due only.
		const full = (await shown.count()) && !(await shown.getAttribute('class'))?.includes('compact');
		if (full) await expect(shown).toContainText(order.assignee!);
	}

	await page.reload();
	// The checkboxes must be live before they are clicked, or hydration would tick them again.
	await page.waitForLoadState('networkidle');
	const form = page.getByRole('form', { name: `Options for ${name}` });
	for (const stage of STAGES) {
		const box = form.getByLabel(stage, { exact: true });
		if (stage === 'Setting' || stage === 'Polishing') await box.check();
		else await box.uncheck();
	}
	await form.getByLabel('Order in each column').selectOption('due');
	await form.getByLabel('Show assignee').uncheck();
	await form.getByRole('button', { name: 'Save options' }).click();
	await expect(form.getByRole('status')).toContainText('Saved');

	await expect
		.poll(() =>
			screen
				.getByRole('list')
				.evaluateAll((lists) => lists.map((list) => list.getAttribute('aria-label')))
		)
		.toEqual(['Setting', 'Polishing']);
	// Soonest due first, no due date last; the display shows one page of that order.
	const byDue = [...setting]
		.sort((a, b) =>
			a.dueDate === b.dueDate
				? 0
				: a.dueDate === null
					? 1
					: b.dueDate === null
						? -1
						: a.dueDate < b.dueDate
							? -1
							: 1
		)
		.map((o) => o.number);
	await expect
		.poll(async () => {
			const shown = await shownColumn(screen, 'Setting');
			const start = byDue.indexOf(shown[0]);
			return start >= 0 && byDue.slice(start, start + shown.length).join() === shown.join();
		})
		.toBe(true);
	for (const order of assigned) {
		const shown = card(screen, order.number);
		if (await shown.count()) await expect(shown).not.toContainText(order.assignee!);
	}
	expect(await notReloaded(screen)).toBe(true);

	// A wrong choice is refused beside the field it is about, and nothing changes.
	for (const stage of STAGES) await form.getByLabel(stage, { exact: true }).uncheck();
	await form.getByRole('button', { name: 'Save options' }).click();
	await expect(form).toContainText('Stages shown must name at least one stage');
	await expect(screen.getByRole('list')).toHaveCount(2);
	await screen.context().close();
});

test('a manager reaches only the stuck thresholds; a wrong number is refused beside its stage', async ({
	browser,
	baseURL,
	request
}) => {
	const manager = await contextAs(browser, baseURL!, 'manager');
	const page = await manager.newPage();
	await page.goto('/settings');
	await page.waitForLoadState('networkidle');
	await expect(page.getByRole('heading', { name: 'Stuck after' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Staff accounts' })).toHaveCount(0);
	await expect(page.getByRole('heading', { name: 'Wall displays' })).toHaveCount(0);
	const form = page.getByRole('form', { name: 'Stuck after' });
	await form.evaluate((element) => ((element as HTMLFormElement).noValidate = true));
	await form.getByLabel('Casting').fill('0');
	await form.getByRole('button', { name: 'Save' }).click();
	await expect(form).toContainText('Casting must be at least 1 day');
	await form.getByLabel('Casting').fill('9');
	await form.getByRole('button', { name: 'Save' }).click();
	await expect(form.getByRole('status')).toContainText('Saved');
	const restored = await request.patch('/api/v1/settings/stage-thresholds', {
		headers: json,
		data: { casting: 7 }
	});
	expect(restored.status()).toBe(200);
	await manager.close();
});

test.describe('on a server of its own', () => {
	const dataDir = 'test-results/display-data';
	const server = ownServer(3110, dataDir, 'demo');
	const baseURL = server.baseURL;

	test.beforeAll(async () => {
		fs.rmSync(dataDir, { recursive: true, force: true });
		await server.start();
	});
	test.afterAll(() => server.stop());

	test('the display says it is offline while the server is down, then reconnects and catches up by itself', async ({
		browser
	}) => {
		test.setTimeout(90_000);
		const owner = await contextAs(browser, baseURL, 'owner');
		const screen = await openDisplay(
			browser,
			await displayLink(await owner.newPage(), 'Restart wall')
		);

		await server.stop();
		await expect(
			screen.getByRole('status').filter({ hasText: /Offline since \d{1,2}:\d{2}.*reconnecting/ })
		).toBeVisible({ timeout: 15_000 });
		await server.start();
		const board = (await (await owner.request.get(`${baseURL}/api/v1/board`)).json()) as Board;
		const moving = board.orders.find((o) => o.stage === 'intake')!;
		const moved = await owner.request.post(`${baseURL}/api/v1/orders/${moving.id}/move`, {
			headers: json,
			data: { stage: 'design', afterId: null, version: moving.version }
		});
		expect(moved.status()).toBe(200);

		await expect(screen.getByText('Live', { exact: true })).toBeVisible({ timeout: 30_000 });
		await expect(screen.getByText(/Offline since/)).toBeHidden();
		await expect
			// At the top of the board's Design, so on the display's first page (after its late cards).
			.poll(async () => await shownColumn(screen, 'Design'), { timeout: 15_000 })
			.toContain(moving.number);
		expect(await notReloaded(screen)).toBe(true);
		await screen.context().close();
		await owner.close();
	});

	test('thousands of moves leave the DOM and the heap of the display where they were', async ({
		browser
	}) => {
		test.setTimeout(180_000);
		const owner = await contextAs(browser, baseURL, 'owner');
		const settings = await owner.newPage();
		const name = 'Churn wall';
		const screen = await openDisplay(browser, await displayLink(settings, name));
		// Two columns, which hold every card the moves bring: the display never pages, so what
		// it renders stays comparable from one measurement to the next.
		await settings.reload();
		await settings.waitForLoadState('networkidle');
		const form = settings.getByRole('form', { name: `Options for ${name}` });
		for (const stage of STAGES) {
			const box = form.getByLabel(stage, { exact: true });
			if (stage === 'Casting' || stage === 'Polishing') await box.check();
			else await box.uncheck();
		}
		await form.getByRole('button', { name: 'Save options' }).click();
		await expect(form.getByRole('status')).toContainText('Saved');
		await expect(screen.getByRole('list')).toHaveCount(2);

		const board = (await (await owner.request.get(`${baseURL}/api/v1/board`)).json()) as Board;
		const cards = board.orders.filter((o) => o.stage === 'casting' || o.stage === 'polishing');
		expect(cards.length).toBeGreaterThanOrEqual(2);
		const state = new Map(cards.map((o) => [o.id, { stage: o.stage, version: o.version }]));
		/** Moves each card back and forth between the two columns, the cards side by side. */
		async function churn(moves: number) {
			await Promise.all(
				cards.map(async (order, lane) => {
					for (let i = lane; i < moves; i += cards.length) {
						const now = state.get(order.id)!;
						const stage = now.stage === 'casting' ? 'polishing' : 'casting';
						const moved = await owner.request.post(`${baseURL}/api/v1/orders/${order.id}/move`, {
							headers: json,
							data: { stage, afterId: null, version: now.version }
						});
						expect(moved.status()).toBe(200);
						state.set(order.id, {
							stage,
							version: ((await moved.json()) as CardAnswer).card.version
						});
					}
				})
			);
		}
		/** Waits until the display shows every card where the server has it, and the glows are out. */
		async function settled() {
			for (const order of cards) {
				const stage = state.get(order.id)!.stage === 'casting' ? 'Casting' : 'Polishing';
				await expect(
					column(screen, stage).getByRole('listitem', { name: new RegExp(`^${order.number}:`) })
				).toBeVisible({ timeout: 30_000 });
			}
			await screen.waitForTimeout(4_500);
		}
		const cdp = await screen.context().newCDPSession(screen);
		async function measure() {
			await cdp.send('HeapProfiler.collectGarbage');
			// performance.memory is rounded unless Chromium runs with precise memory info; this is not.
			const { usedSize } = await cdp.send('Runtime.getHeapUsage');
			const nodes = await screen.evaluate(() => document.getElementsByTagName('*').length);
			return { nodes, heap: usedSize };
		}

		await churn(300);
		await settled();
		const before = await measure();
		const started = Date.now();
		await churn(1_500);
		const seconds = (Date.now() - started) / 1000;
		await settled();
		const after = await measure();
		test.info().annotations.push({
			type: 'display memory',
			description: `1,500 moves in ${seconds.toFixed(1)} s; nodes ${before.nodes} → ${after.nodes}; heap ${(before.heap / 1e6).toFixed(1)} → ${(after.heap / 1e6).toFixed(1)} MB`
		});
		expect(after.nodes).toBeLessThanOrEqual(Math.ceil(before.nodes * 1.05));
		expect(after.heap).toBeLessThanOrEqual(Math.max(before.heap * 1.3, before.heap + 5e6));
		expect(await notReloaded(screen)).toBe(true);
		await screen.context().close();
		await owner.close();
	});
});

test.describe('a crowded column, on a server of its own', () => {
	const dataDir = 'test-results/display-crowd-data';
	const server = ownServer(Number(process.env.E2E_PORT ?? 3107) + 50, dataDir, 'demo');
	const baseURL = server.baseURL;

	test.beforeAll(async () => {
		fs.rmSync(dataDir, { recursive: true, force: true });
		await server.start();
	});
	test.afterAll(() => server.stop());

	/** A day `days` from today, as the API takes it (a past one is overdue whatever the zone). */
	const dayFromToday = (days: number) =>
		new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

	test('a column condenses its cards before it pages, keeps its late cards on every page, tinted, and says which page it shows', async ({
		browser
	}) => {
		test.setTimeout(150_000);
		const owner = await contextAs(browser, baseURL, 'owner');
		const screen = await openDisplay(
			browser,
			await displayLink(await owner.newPage(), 'Crowded wall')
		);
		const inspection = column(screen, 'Inspection');
		const pager = screen
			.locator('section')
			.filter({ has: inspection })
			.getByText(/^Page \d+ of \d+$/);
		let added = 0;
		/** A new order moved into Inspection: at the top, or after the column's last card. */
		async function addToInspection(dueDate: string, place: 'top' | 'bottom' = 'top') {
			added++;
			const created = await owner.request.post(`${baseURL}/api/v1/orders`, {
				headers: json,
				data: {
					customer: { givenName: 'Crowd', familyName: `Tester ${added}` },
					title: `Platinum band with milgrain edges, number ${added}`,
					dueDate
				}
			});
			expect(created.status()).toBe(201);
			const order = ((await created.json()) as CardAnswer).card;
			const board = (await (await owner.request.get(`${baseURL}/api/v1/board`)).json()) as Board;
			const keys = board.orders
				.filter((o) => o.stage === 'inspection')
				.sort((a, b) => (a.orderKey! < b.orderKey! ? -1 : 1));
			const moved = await owner.request.post(`${baseURL}/api/v1/orders/${order.id}/move`, {
				headers: json,
				data: {
					stage: 'inspection',
					afterId: place === 'top' ? null : (keys.at(-1)?.id ?? null),
					version: order.version
				}
			});
			expect(moved.status()).toBe(200);
			await expect(screen.getByRole('heading', { name: /^Inspection/ })).toContainText(
				String(keys.length + 1)
			);
			// The column has drawn its new list (in full once, measured, then as it fits).
			await screen.waitForTimeout(300);
			return ((await moved.json()) as CardAnswer).card;
		}
		async function state() {
			return {
				count: Number(
					(await screen.getByRole('heading', { name: /^Inspection/ }).textContent())!.match(
						/\d+$/
					)![0]
				),
				shown: await inspection.locator('[data-card-id]').count(),
				compact: await inspection.locator('li.compact').count(),
				paged: (await pager.count()) > 0
			};
		}

		// On-time cards, one by one, until the column pages.
		const states = [await state()];
		while (!states.at(-1)!.paged && states.length < 20) {
			await addToInspection(dayFromToday(60));
			states.push(await state());
		}
		const firstPaged = states.findIndex((s) => s.paged);
		expect(firstPaged).toBeGreaterThan(0);
		for (const s of states.slice(0, firstPaged)) expect(s.shown).toBe(s.count);
		// Before it pages, the column has condensed: cards at its bottom became compact rows,
		// more of them as it filled, until every card was one.
		const condensing = states.slice(0, firstPaged).map((s) => s.compact);
		expect(condensing.some((n) => n > 0)).toBe(true);
		expect(condensing).toEqual([...condensing].sort((a, b) => a - b));
		const beforePaging = states[firstPaged - 1];
		expect(beforePaging.compact).toBe(beforePaging.shown);
		const paged = states[firstPaged];
		expect(paged.compact).toBe(paged.shown);
		expect(paged.shown).toBeLessThan(paged.count);

		// A late piece at the bottom of the board's order comes up to the first page, tinted.
		const late = await addToInspection(dayFromToday(-10), 'bottom');
		await addToInspection(dayFromToday(60));
		await addToInspection(dayFromToday(60));
		const lateCard = card(screen, late.number);
		await expect(lateCard).toBeVisible();
		await expect(lateCard).toContainText('Overdue 10 days');
		await expect(pager).toHaveText(/^Page 1 of \d+$/);
		const pagerPx = await pager.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
		expect(pagerPx).toBeGreaterThanOrEqual(22);
		await expectReadableFromTheRoom(screen);

		const onTime = inspection.locator('[data-card-id]').last();
		const look = (item: typeof onTime) =>
			item.locator('article').evaluate((article) => {
				const style = getComputedStyle(article);
				const [r, g, b] = style.borderLeftColor.match(/\d+/g)!.map(Number);
				return {
					background: style.backgroundColor,
					edge: parseFloat(style.borderLeftWidth) >= 4 && r > 200 && r > g + 80 && r > b + 80
				};
			});
		const tinted = await look(lateCard);
		const plain = await look(onTime);
		expect(tinted.edge).toBe(true);
		expect(plain.edge).toBe(false);
		expect(tinted.background).not.toBe(plain.background);
		const [r, g] = tinted.background.match(/\d+/g)!.map(Number);
		expect(r).toBeGreaterThan(g);

		// The column turns its pages by itself; the late card stays on each one.
		const firstPage = await shownColumn(screen, 'Inspection');
		await expect(pager).toHaveText(/^Page 2 of /, { timeout: 20_000 });
		const secondPage = await shownColumn(screen, 'Inspection');
		expect(secondPage).not.toEqual(firstPage);
		expect(secondPage).toContain(late.number);
		await expect(lateCard).toBeVisible();

		// A finished piece past its due date waits for its customer: never late, never tinted.
		const ready = await addToInspection(dayFromToday(-10));
		const toReady = await owner.request.post(`${baseURL}/api/v1/orders/${ready.id}/move`, {
			headers: json,
			data: { stage: 'ready', afterId: null, version: ready.version }
		});
		expect(toReady.status()).toBe(200);
		const waiting = card(screen, ready.number);
		await expect(waiting).toContainText('Waiting since today');
		await expect(waiting).not.toContainText('Overdue');
		expect((await look(waiting)).edge).toBe(false);
		await screen.context().close();
		await owner.close();
	});
});
