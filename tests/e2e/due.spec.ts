import { expect, test, type APIRequestContext, type Locator, type Page } from './fixtures';
import { addDays, byDueDate, mondayOf, weekRange } from '../../src/lib/due-weeks';
import { shopFormat } from '../../src/lib/words/format';
import type { Board, OrderCard } from '../../src/lib/types';
import { contextAs } from './sign-in';
import type { CardAnswer, OrderAnswer } from '../../src/lib/api/answers';

/**
 * The due-date list and calendar (issue #7). Orders are made with due dates relative to the shop's
 * today (from the board), so the groups they must land in are known whatever day the test runs.
 */

const RUN = Date.now().toString(36);
const json = { 'content-type': 'application/json' };
let made = 0;

async function readBoard(request: APIRequestContext): Promise<Board> {
	const response = await request.get('/api/v1/board');
	expect(response.status()).toBe(200);
	return (await response.json()) as Board;
}

async function newOrder(
	request: APIRequestContext,
	title: string,
	dueDate: string | null,
	rush = false
): Promise<OrderCard> {
	made += 1;
	const created = await request.post('/api/v1/orders', {
		headers: json,
		data: {
			customer: { givenName: 'Nadia', familyName: `Okafor ${RUN}-${made}` },
			title: `${title} ${RUN}-${made}`,
			dueDate,
			rush
		}
	});
	expect(created.status(), await created.text()).toBe(201);
	return ((await created.json()) as CardAnswer).card;
}

// The demo shop writes dates as en-US does; a week's range is of calendar dates, in no time zone.
const shop = shopFormat({ locale: 'en-US', timeZone: 'UTC', currency: 'USD' });

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const group = (page: Page, title: string) =>
	page.getByRole('region', { name: new RegExp(`^${escape(title)}`) });
const orderLink = (scope: Page | Locator, number: string) =>
	scope.getByRole('link', { name: number, exact: true });

async function openDue(page: Page, path = '/due') {
	await page.goto(path);
	await expect(page.getByText('Live', { exact: true })).toBeVisible();
}

test('overdue orders come first, and each order appears once in the group of its week', async ({
	browser,
	baseURL,
	request
}) => {
	const { today } = await readBoard(request);
	const monday = mondayOf(today);
	const laterMonday = addDays(monday, 21);
	const overdue = await newOrder(request, 'Bezel solitaire reset', addDays(today, -3));
	const dueToday = await newOrder(request, 'Diamond stud earrings', today, true);
	const nextWeek = await newOrder(request, 'Platinum wedding band', addDays(monday, 8));
	const later = await newOrder(request, 'Sapphire halo pendant', addDays(laterMonday, 2));
	const undated = await newOrder(request, 'Ring resize', null);

	const context = await contextAs(browser, baseURL!, 'manager');
	const page = await context.newPage();
	await openDue(page);

	const headings = await page.getByRole('main').getByRole('heading', { level: 2 }).allInnerTexts();
	expect(headings[0]).toMatch(/^Overdue/);
	expect(headings[1]).toMatch(/^This week/);
	expect(headings[2]).toMatch(/^Next week/);
	expect(headings.at(-1)).toMatch(/^No due date/);

	const expected: [OrderCard, string][] = [
		[overdue, 'Overdue'],
		[dueToday, `This week · ${weekRange(monday, today, shop)}`],
		[nextWeek, `Next week · ${weekRange(addDays(monday, 7), today, shop)}`],
		[later, weekRange(laterMonday, today, shop)],
		[undated, 'No due date']
	];
	for (const [order, title] of expected) {
		await expect(orderLink(page, order.number)).toHaveCount(1);
		await expect(orderLink(group(page, title), order.number)).toBeVisible();
	}
	const overdueRow = page.locator(`[data-order-id="${overdue.id}"]`);
	await expect(overdueRow).toContainText('Overdue 3 days');
	await expect(overdueRow).toContainText(overdue.title);
	await expect(page.locator(`[data-order-id="${dueToday.id}"]`)).toContainText('Due today');
	await expect(page.locator(`[data-order-id="${dueToday.id}"]`)).toContainText('Rush');
	await expect(orderLink(page, overdue.number)).toHaveAttribute('href', `/orders/${overdue.id}`);

	// The overdue group holds every late order on the board, oldest first, and counts them; a
	// finished piece waiting for its customer is not late (it waits in its own group).
	const board = await readBoard(request);
	const overdueNumbers = board.orders
		.filter((order) => order.stage !== 'ready' && order.dueDate !== null && order.dueDate < today)
		.sort(byDueDate)
		.map((order) => order.number);
	const shown = await group(page, 'Overdue').locator('tbody th a').allInnerTexts();
	expect(shown).toEqual(overdueNumbers);
	await expect(group(page, 'Overdue').getByRole('heading')).toContainText(
		`${overdueNumbers.length} ${overdueNumbers.length === 1 ? 'order' : 'orders'}`
	);
	await context.close();
});

test('a changed due date moves the row live, and a new order appears in its week', async ({
	page,
	request
}) => {
	const { today } = await readBoard(request);
	const monday = mondayOf(today);
	const laterMonday = addDays(monday, 28);
	const moving = await newOrder(request, 'Emerald-cut engagement ring', addDays(laterMonday, 3));
	await openDue(page);
	const laterWeek = weekRange(laterMonday, today, shop);
	await expect(orderLink(group(page, laterWeek), moving.number)).toBeVisible();

	const patched = await request.patch(`/api/v1/orders/${moving.id}`, {
		headers: json,
		data: { version: moving.version, dueDate: addDays(today, -2) }
	});
	expect(patched.status(), await patched.text()).toBe(200);
	expect(((await patched.json()) as OrderAnswer).order.dueDate).toBe(addDays(today, -2));

	await expect(orderLink(group(page, 'Overdue'), moving.number)).toBeVisible();
	await expect(orderLink(page, moving.number)).toHaveCount(1);
	await expect(page.locator(`[data-order-id="${moving.id}"]`)).toContainText('Overdue 2 days');

	const arriving = await newOrder(request, 'Rose gold signet ring', today);
	await expect(
		orderLink(group(page, `This week · ${weekRange(monday, today, shop)}`), arriving.number)
	).toBeVisible();
});

test('the calendar shows an order on its day, today marked, and opens the order', async ({
	page,
	request
}) => {
	const { today } = await readBoard(request);
	const day = addDays(mondayOf(today), 9); // Wednesday next week: always in the four weeks shown
	const order = await newOrder(request, 'Oval lab diamond ring', day, true);
	const overdue = await newOrder(request, 'Heirloom ring repair', addDays(today, -1));

	await openDue(page);
	await page
		.getByRole('navigation', { name: 'View' })
		.getByRole('link', { name: 'Calendar' })
		.click();
	await expect(page).toHaveURL(/\/due\?view=calendar$/);

	const cell = page.locator(`[data-date="${day}"]`);
	const link = cell.getByRole('link', { name: new RegExp(`^${order.number}\\b`) });
	await expect(link).toBeVisible();
	await expect(link).toContainText('Rush');
	await expect(page.locator(`[data-date="${today}"]`)).toHaveAttribute('aria-current', 'date');
	await expect(
		page
			.getByRole('region', { name: /^Overdue/ })
			.getByRole('link', { name: new RegExp(`^${overdue.number}\\b`) })
	).toBeVisible();
	// An order is shown once: overdue orders are not repeated on their (past) day.
	await expect(page.getByRole('link', { name: new RegExp(`^${overdue.number}\\b`) })).toHaveCount(
		1
	);

	await link.click();
	await expect(page).toHaveURL(new RegExp(`/orders/${order.id}$`));

	// The view is kept in the URL: a reload stays on the calendar.
	await page.goto('/due?view=calendar');
	await expect(page.getByRole('link', { name: 'Calendar' })).toHaveAttribute(
		'aria-current',
		'page'
	);
});

test('printed, the list drops the navigation and buttons and says when it was printed', async ({
	page
}) => {
	await openDue(page);
	await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Print' })).toBeVisible();
	await expect(page.getByText(/^Printed /)).toBeHidden();

	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
	await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
	await expect(page.getByRole('navigation', { name: 'View' })).toBeHidden();
	await expect(
		page.getByText(/^Printed \w+, \w+ \d{1,2}, \d{4} at \d{1,2}:\d{2} [AP]M/)
	).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Due dates', level: 1 })).toBeVisible();
	await expect(page.getByRole('region', { name: /^Overdue/ })).toBeVisible();
	// The count under the heading prints small and black, its overdue part too.
	const summary = page.getByText(/^\d+ open orders?/);
	await expect(summary).toHaveCSS('color', 'rgb(0, 0, 0)');
	await expect(summary).toHaveCSS('font-size', '12px');
});
