import fs from 'node:fs';
import { expect, test, type APIRequestContext, type Page } from './fixtures';
import { card, column } from './board-page';
import type { Board, OrderCard } from '../../src/lib/types';
import type { CardAnswer } from '../../src/lib/api/answers';

const RUN = Date.now().toString(36);
const json = { 'content-type': 'application/json' };

/** A calendar date `days` after `date` (both YYYY-MM-DD). */
function addDays(date: string, days: number): string {
	const at = new Date(`${date}T00:00:00Z`);
	at.setUTCDate(at.getUTCDate() + days);
	return at.toISOString().slice(0, 10);
}

/** The shop's week ends on Sunday: the last date that is still "this week". */
function sundayOf(today: string): string {
	const weekday = new Date(`${today}T00:00:00Z`).getUTCDay(); // 0 = Sunday
	return addDays(today, weekday === 0 ? 0 : 7 - weekday);
}

/** Written out here rather than imported, so the test does not grade the code with itself. */
const dueThisWeek = (order: OrderCard, today: string) =>
	order.dueDate !== null && order.dueDate >= today && order.dueDate <= sundayOf(today);

async function getBoard(request: APIRequestContext): Promise<Board> {
	return (await (await request.get('/api/v1/board')).json()) as Board;
}

async function newOrder(request: APIRequestContext, title: string, dueDate: string | null) {
	const created = await request.post('/api/v1/orders', {
		headers: json,
		data: {
			customer: { givenName: 'Chloe', familyName: 'Martin' },
			title: `${title} ${RUN}`,
			dueDate
		}
	});
	expect(created.status()).toBe(201);
	return ((await created.json()) as CardAnswer).card;
}

async function setDueDate(request: APIRequestContext, order: OrderCard, dueDate: string) {
	const current = (await getBoard(request)).orders.find((o) => o.id === order.id)!;
	const patched = await request.patch(`/api/v1/orders/${order.id}`, {
		headers: json,
		data: { version: current.version, dueDate }
	});
	expect(patched.status()).toBe(200);
}

/** Every order number the board shows, in every column. */
async function shownNumbers(page: Page): Promise<string[]> {
	const labels = await page
		.locator('[data-card-id]')
		.evaluateAll((items) => items.map((item) => item.getAttribute('aria-label') ?? ''));
	return labels.map((label) => label.split(':')[0]).sort();
}

async function openFiltered(page: Page, query: string) {
	await page.goto(`/?${query}`);
	await expect(page.getByText('Live', { exact: true })).toBeVisible();
	// The first paint holds the top of each column; the count waits for the whole board.
	await expect(page.getByText(/^\d+ of \d+ orders$/)).toBeVisible();
}

test('/?due=this_week shows exactly the orders due from today through Sunday, and counts them', async ({
	page,
	request
}) => {
	const today = (await getBoard(request)).today;
	const inWeek = await newOrder(request, 'Bezel pendant due today', today);
	const nextWeek = await newOrder(
		request,
		'Hoop earrings due next week',
		addDays(sundayOf(today), 1)
	);
	const board = await getBoard(request);
	const expected = board.orders.filter((o) => dueThisWeek(o, board.today)).map((o) => o.number);

	await openFiltered(page, 'due=this_week');
	await expect(
		page.getByText(`${expected.length} of ${board.orders.length} orders`, { exact: true })
	).toBeVisible();
	expect(await shownNumbers(page)).toEqual([...expected].sort());
	await expect(card(page, inWeek.number)).toBeVisible();
	await expect(card(page, nextWeek.number)).toHaveCount(0);
	// The Filter button says how many filters are on, and a chip names this one with its last day.
	await expect(page.getByRole('button', { name: 'Filter (1)' })).toBeVisible();
	await expect(page.getByRole('list', { name: 'Filters in force' })).toContainText(
		/^Due this week, to \w{3}/
	);
	// The control says what "this week" means.
	await page.getByRole('button', { name: 'Filter (1)' }).click();
	await expect(page.getByRole('combobox', { name: 'Due date' })).toHaveValue('this_week');
	await expect(page.getByText(/From today to the end of Sunday/)).toBeVisible();
});

test('a card whose due date moves into the week appears, and leaves when it moves out, without a reload', async ({
	page,
	request
}) => {
	const today = (await getBoard(request)).today;
	const later = addDays(sundayOf(today), 10);
	const order = await newOrder(request, 'Signet ring for the filter', later);
	await openFiltered(page, 'due=this_week');
	await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
	const countText = page.getByText(/^\d+ of \d+ orders$/);
	const before = await countText.textContent();
	await expect(card(page, order.number)).toHaveCount(0);

	await setDueDate(request, order, today);
	await expect(
		column(page, 'Intake').getByRole('listitem', { name: new RegExp(`^${order.number}:`) })
	).toBeVisible();
	await expect(countText).not.toHaveText(before!);

	await setDueDate(request, order, later);
	await expect(card(page, order.number)).toHaveCount(0);
	await expect(countText).toHaveText(before!);
	expect(
		await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)
	).toBe(true);
});

test('a finished piece waiting for its customer reads "Waiting since", not "Overdue", and no late filter takes it', async ({
	page,
	request
}) => {
	const today = (await getBoard(request)).today;
	const late = await newOrder(request, 'Late signet ring', addDays(today, -3));
	const done = await newOrder(request, 'Finished hoop earrings', addDays(today, -3));
	const moved = await request.post(`/api/v1/orders/${done.id}/move`, {
		headers: json,
		data: { stage: 'ready', afterId: null, version: done.version }
	});
	expect(moved.status()).toBe(200);

	await page.goto('/');
	await expect(page.getByText('Live', { exact: true })).toBeVisible();
	const ready = column(page, 'Ready for pickup').getByRole('listitem', {
		name: new RegExp(`^${done.number}:`)
	});
	await expect(ready).toContainText('Waiting since today');
	await expect(ready).not.toContainText('Overdue');
	await expect(card(page, late.number)).toContainText('Overdue 3 days');

	await openFiltered(page, 'due=overdue');
	await expect(card(page, late.number)).toBeVisible();
	await expect(card(page, done.number)).toHaveCount(0);

	// The due list keeps it apart too.
	await page.goto('/due');
	const waiting = page.getByRole('region', { name: /Waiting for pickup/ });
	await expect(waiting.getByRole('link', { name: done.number })).toBeVisible();
	await expect(
		page.getByRole('region', { name: /^Overdue/ }).getByRole('link', { name: done.number })
	).toHaveCount(0);
});

test('a stage filter hides the other columns, lives in the URL, and Clear filters brings them back', async ({
	page
}) => {
	await openFiltered(page, 'stage=casting,setting');
	await expect(column(page, 'Casting')).toBeVisible();
	await expect(column(page, 'Setting')).toBeVisible();
	for (const hidden of ['Intake', 'Design', 'Polishing', 'Inspection', 'Ready for pickup']) {
		await expect(column(page, hidden)).toHaveCount(0);
	}

	await page.getByRole('button', { name: /^Filter/ }).click();
	await page.getByRole('button', { name: /^Stages:/ }).click();
	await page.getByRole('checkbox', { name: 'Design' }).check();
	await expect(column(page, 'Design')).toBeVisible();
	await expect(page).toHaveURL(/\/\?stage=design,casting,setting$/);
	await page.keyboard.press('Escape');

	await page.getByRole('button', { name: 'Clear filters' }).click();
	for (const stage of ['Intake', 'Design', 'Casting', 'Ready for pickup']) {
		await expect(column(page, stage)).toBeVisible();
	}
	await expect(page).toHaveURL(/\/$/);
});

test('the CSV export holds exactly the filtered orders, quoted and safe to open', async ({
	page,
	request
}) => {
	const today = (await getBoard(request)).today;
	const tricky = await newOrder(request, '=SUM(1+1), "Aurora" ring', today);
	const board = await getBoard(request);
	const expected = board.orders.filter((o) => dueThisWeek(o, board.today)).map((o) => o.number);

	await openFiltered(page, 'due=this_week&sort=due');
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Export CSV' }).click()
	]);
	expect(download.suggestedFilename()).toBe(`benchboard-orders-${board.today}.csv`);
	const text = fs.readFileSync((await download.path())!, 'utf8');
	expect(text.startsWith('\uFEFF')).toBe(true);
	const rows = text.slice(1).replace(/\r\n$/, '').split('\r\n');
	expect(rows[0]).toBe(
		'Number,Title,Piece type,Stage,Customer,Due date,Rush,Assignee,Waiting on,Days in stage,Stuck'
	);
	expect(
		rows
			.slice(1)
			.map((row) => row.split(',')[0])
			.sort()
	).toEqual([...expected].sort());
	expect(rows).toContain(
		`${tricky.number},"'=SUM(1+1), ""Aurora"" ring ${RUN}",Other,Intake,Chloe Martin,${today},No,,,0,No`
	);
});
