import { expect, test, type APIRequestContext, type Page } from './fixtures';
import { API, bodyOf, json, unique } from './api-helpers';
import { contextAs } from './sign-in';
import type { Board, OrderCard } from '../../src/lib/types';
import type { CardAnswer } from '../../src/lib/api/answers';
import { isLate } from '../../src/lib/due';
import { BOARD_STAGES } from '../../src/lib/stages';

/** A calendar date `days` after `date` (both YYYY-MM-DD). */
function addDays(date: string, days: number): string {
	const at = new Date(`${date}T00:00:00Z`);
	at.setUTCDate(at.getUTCDate() + days);
	return at.toISOString().slice(0, 10);
}

async function newOrder(request: APIRequestContext, title: string, dueIn: number | null) {
	const board = await bodyOf<Board>(await request.get(`${API}/board`));
	const created = await request.post(`${API}/orders`, {
		headers: json,
		data: {
			customer: { givenName: 'Noor', familyName: 'Haddad' },
			title: unique(title),
			dueDate: dueIn === null ? null : addDays(board.today, dueIn)
		}
	});
	return (await bodyOf<CardAnswer>(created, 201)).card;
}

const column = (page: Page, stage: string) => page.getByRole('list', { name: stage, exact: true });
const card = (page: Page, order: OrderCard) =>
	page.getByRole('listitem', { name: new RegExp(`^${order.number}:`) });

async function openBoard(page: Page, path = '/') {
	await page.goto(path);
	await expect(page.getByText('Live', { exact: true })).toBeVisible();
}

/** Whether each column's late cards all come before its others. */
const lateOnTop = (page: Page) =>
	page.locator('[data-drop-stage]').evaluateAll((lists) =>
		lists.every((list) => {
			const states = [...list.querySelectorAll('[data-card-id] article')].map(
				(card) => card.getAttribute('data-due') === 'overdue'
			);
			return states.indexOf(false) === -1 || !states.slice(states.indexOf(false)).includes(true);
		})
	);

test('late work stands out: tinted cards, a late count on each column, and "N overdue" in the header that shows all of it', async ({
	page,
	request
}) => {
	const late = await newOrder(request, 'Late tennis bracelet', -4);
	const onTime = await newOrder(request, 'On-time signet', 5);
	await openBoard(page);

	const lateCard = card(page, late).locator('article');
	await expect(lateCard).toHaveAttribute('data-due', 'overdue');
	const background = (locator: typeof lateCard) =>
		locator.evaluate((element) => getComputedStyle(element).backgroundColor);
	expect(await background(lateCard)).not.toBe(
		await background(card(page, onTime).locator('article'))
	);

	// Each column's badge counts its late cards (a long column renders only its first cards, so
	// count from the board the server sends); the header counts them all.
	const board = await bodyOf<Board>(await request.get(`${API}/board`));
	let total = 0;
	for (const stage of BOARD_STAGES) {
		const lateHere = board.orders.filter(
			(order) => order.stage === stage && isLate(order, board.today)
		).length;
		total += lateHere;
		const badge = page
			.locator(`[data-drop-stage="${stage}"]`)
			.locator('xpath=..')
			.getByTestId('late-count');
		if (lateHere === 0) await expect(badge).toHaveCount(0);
		else await expect(badge).toHaveText(`${lateHere} late`);
	}
	expect(total).toBeGreaterThan(0);
	const overdue = page.getByRole('link', { name: `${total} overdue` });
	await expect(overdue).toBeVisible();

	await overdue.click();
	await expect(page).toHaveURL(/\/\?due=overdue$/);
	await expect(card(page, onTime)).toHaveCount(0);
	await expect(page.locator('article[data-due="overdue"]')).toHaveCount(total);
	await expect(page.locator('[data-card-id] article')).toHaveCount(total);
	// The filter is a chip that one press removes.
	await page.getByRole('button', { name: 'Remove filter: Overdue' }).click();
	await expect(page).toHaveURL(/\/$/);
	await expect(card(page, onTime)).toBeVisible();
});

test('"Late first" puts late cards at the top of every column, and stays with the person who chose it', async ({
	page,
	request,
	browser,
	baseURL
}) => {
	// A new order goes to the top of Intake, so in manual order the late one sits below it.
	const late = await newOrder(request, 'Chain repair, late', -2);
	const onTime = await newOrder(request, 'Ring sizing, due later', 9);
	await openBoard(page);
	const intake = column(page, 'Intake');
	await expect(intake.locator('[data-card-id]').first()).toHaveAttribute(
		'data-card-id',
		String(onTime.id)
	);
	await expect(card(page, late).locator('article')).toHaveAttribute('data-due', 'overdue');
	expect(await lateOnTop(page)).toBe(false);

	const toggle = page.getByRole('checkbox', { name: 'Late first' });
	await toggle.check();
	await expect.poll(() => lateOnTop(page)).toBe(true);
	await expect(intake.locator('[data-card-id] article').first()).toHaveAttribute(
		'data-due',
		'overdue'
	);

	// Kept with the account: after a reload, and for the same person on another screen...
	await openBoard(page);
	await expect(page.getByRole('checkbox', { name: 'Late first' })).toBeChecked();
	expect(await lateOnTop(page)).toBe(true);
	// ...but nobody else's board changes.
	const manager = await contextAs(browser, baseURL!, 'manager');
	const other = await manager.newPage();
	await openBoard(other);
	await expect(other.getByRole('checkbox', { name: 'Late first' })).not.toBeChecked();
	await manager.close();

	await page.getByRole('checkbox', { name: 'Late first' }).uncheck();
	await expect
		.poll(
			async () =>
				(await bodyOf<{ lateFirst: boolean }>(await request.get(`${API}/me/preferences`))).lateFirst
		)
		.toBe(false);
});

test('the preference API names the field it refuses', async ({ request }) => {
	const refused = await bodyOf<{ error: { field: string; message: string } }>(
		await request.put(`${API}/me/preferences`, { headers: json, data: { lateFirst: 'yes' } }),
		400
	);
	expect(refused.error.field).toBe('lateFirst');
	expect(refused.error.message).toMatch(/must be true or false/);
});

test.describe('on a 1024x768 tablet', () => {
	test.use({ viewport: { width: 1024, height: 768 }, hasTouch: true });

	test('the board starts high on the screen, says which columns are off to the right, and goes there', async ({
		page
	}) => {
		await openBoard(page);
		const board = page.getByRole('main', { name: 'Custom orders by stage' });
		expect((await board.boundingBox())!.y).toBeLessThanOrEqual(110);
		// One row of header: the search sits beside the links, not under them.
		const header = page.locator('header.nav');
		expect((await header.boundingBox())!.height).toBeLessThanOrEqual(60);

		const more = page.getByRole('button', { name: /more columns?:.*Ready for pickup/ });
		await expect(more).toBeVisible();
		await more.tap();
		await expect
			.poll(async () => {
				const ready = await page.getByRole('heading', { name: /Ready for pickup/ }).boundingBox();
				return ready!.x + ready!.width <= 1024;
			})
			.toBe(true);
		await expect(page.getByRole('button', { name: /more columns?:.*Intake/ })).toBeVisible();
	});

	test('the Move menu of the lowest card opens whole inside the screen', async ({ page }) => {
		await openBoard(page);
		const boxes = await page.locator('[data-card-id]').evaluateAll((cards) =>
			cards.map((card) => ({
				id: card.getAttribute('data-card-id')!,
				bottom: card.getBoundingClientRect().bottom
			}))
		);
		const lowest = boxes.filter((box) => box.bottom <= 768).sort((a, b) => b.bottom - a.bottom)[0];
		const item = page.locator(`[data-card-id="${lowest.id}"]`);
		await item.getByRole('button', { name: /^Move / }).tap();
		const menu = page.getByRole('menu');
		await expect(menu).toBeVisible();
		const box = (await menu.boundingBox())!;
		expect(box.y).toBeGreaterThanOrEqual(0);
		expect(box.y + box.height).toBeLessThanOrEqual(768);
		expect(box.x + box.width).toBeLessThanOrEqual(1024);
		await page.keyboard.press('Escape');
	});
});

test('the keyboard and the Move menu both put a card at the end of the stage it joins', async ({
	page,
	request
}) => {
	const order = await newOrder(request, 'Pearl restring', 12);
	await openBoard(page);
	await card(page, order).focus();
	await page.keyboard.press('Alt+ArrowRight');
	await expect(column(page, 'Design').locator('[data-card-id]').last()).toHaveAttribute(
		'data-card-id',
		String(order.id)
	);
	await card(page, order)
		.getByRole('button', { name: `Move ${order.number}` })
		.click();
	await page.getByRole('menuitem', { name: 'To Casting' }).click();
	await expect(column(page, 'Casting').locator('[data-card-id]').last()).toHaveAttribute(
		'data-card-id',
		String(order.id)
	);
	// Put back where the other tests expect the demo board.
	await card(page, order)
		.getByRole('button', { name: `Move ${order.number}` })
		.click();
	await page.getByRole('menuitem', { name: 'To Intake' }).click();
	await expect(column(page, 'Intake').locator(`[data-card-id="${order.id}"]`)).toBeVisible();
});

test('one header on every page, the same height, with the search in the same place', async ({
	page,
	request,
	browser,
	baseURL
}) => {
	const order = await newOrder(request, 'Header check pendant', 3);
	const places: { height: number; x: number }[] = [];
	for (const path of ['/', '/due', '/customers', '/vendors', '/settings', `/orders/${order.id}`]) {
		await page.goto(path);
		const header = page.locator('header.nav');
		await expect(header).toBeVisible();
		const search = (await header.getByRole('combobox').first().boundingBox())!;
		places.push({ height: (await header.boundingBox())!.height, x: Math.round(search.x) });
	}
	expect(new Set(places.map((p) => p.height)).size, JSON.stringify(places)).toBe(1);
	expect(new Set(places.map((p) => p.x)).size, JSON.stringify(places)).toBe(1);

	// A page the role may not open says so, under the same header.
	const staff = await contextAs(browser, baseURL!, 'staff');
	const staffPage = await staff.newPage();
	const refused = await staffPage.goto('/settings');
	expect(refused!.status()).toBe(403);
	await expect(staffPage.locator('header.nav')).toBeVisible();
	await expect(staffPage.getByText('Not for your role')).toBeVisible();
	await staff.close();
});

test('the app ships its own typeface, so it looks the same on every machine', async ({ page }) => {
	await openBoard(page);
	const loaded = await page.evaluate(async () => {
		await document.fonts.ready;
		return [...document.fonts].some(
			(font) => font.family.replace(/"/g, '') === 'Inter Variable' && font.status === 'loaded'
		);
	});
	expect(loaded).toBe(true);
});
