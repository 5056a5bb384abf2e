import fs from 'node:fs';
import { expect, test, type APIRequestContext, type BrowserContext } from './fixtures';
import { bodyOf, createOrder, moveOrder, patchOrder, readBoard } from './api-helpers';
import { card } from './board-page';
import { ownServer } from './own-server';
import { contextAs } from './sign-in';
import type { OrderForecast } from '../../src/lib/server/forecast/open-orders';
import { addDays } from '../../src/lib/due-weeks';

/**
 * The forecast on a demo shop of the test's own, so no other spec's orders change which cards are
 * at risk while this one counts them. The demo brings a year of history; five pendants are taken
 * from Intake to Ready here as well, so pendants have history of their own whatever the demo holds.
 */
const port = Number(process.env.E2E_PORT ?? 3107) + 1;
const dataDir = 'test-results/forecast-data';
const server = ownServer(port, dataDir, 'demo', {}, 80_000);
const STAGES = ['design', 'casting', 'setting', 'polishing', 'inspection', 'ready'];

let context: BrowserContext;
let request: APIRequestContext;

test.beforeAll(async ({ browser }) => {
	// A demo shop starting beside the shared server on a busy machine.
	test.setTimeout(90_000);
	fs.rmSync(dataDir, { recursive: true, force: true });
	await server.start();
	context = await contextAs(browser, server.baseURL, 'manager');
	request = context.request;
});
test.afterAll(async () => {
	await context?.close();
	await server.stop();
});

const forecasts = async () =>
	(await bodyOf<{ forecasts: OrderForecast[] }>(await request.get('/api/v1/forecasts'))).forecasts;

test.describe.configure({ mode: 'serial' });

test('the demo’s year of history forecasts every open order, on the page as in the API', async () => {
	const all = await forecasts();
	const open = all.filter((f) => f.stage !== 'ready');
	expect(open.length).toBeGreaterThan(5);
	expect(open.every((f) => f.forecast.kind === 'forecast')).toBe(true);
	expect(all.filter((f) => f.stage === 'ready').every((f) => f.forecast.kind === 'done')).toBe(
		true
	);

	const page = await context.newPage();
	await page.goto(`/orders/${open[0].orderId}`);
	await expect(page.getByTestId('forecast')).toHaveText(
		/^\s*(At risk\. )?Likely ready \w{3}, \w{3} \d+; ((under 1%|over 99%|\d+%) chance by|the due date, .+, has passed)/
	);
	await page.close();
});

test('the At risk filter shows exactly the cards the forecast calls at risk, live', async () => {
	test.setTimeout(90_000);
	for (let i = 0; i < 5; i++) {
		let made = await createOrder(request, { pieceType: 'pendant' });
		for (const stage of STAGES) made = await moveOrder(request, made, stage, null);
	}
	const { today } = await readBoard(request);
	const late = await createOrder(request, { pieceType: 'pendant', dueDate: addDays(today, -1) });
	const onTime = await createOrder(request, { pieceType: 'pendant', dueDate: addDays(today, 300) });
	// The server reads the new history once it sees the stages have changed.
	await expect
		.poll(async () => (await forecasts()).find((f) => f.orderId === late.id)?.forecast.kind)
		.toBe('forecast');
	const atRisk = (await forecasts())
		.filter((f) => f.forecast.kind === 'forecast' && f.forecast.atRisk)
		.map((f) => f.number)
		.sort();
	expect(atRisk).toContain(late.number);
	expect(atRisk).not.toContain(onTime.number);

	const page = await context.newPage();
	await page.goto('/');
	await page.getByRole('button', { name: /^Filter/ }).click();
	await page.getByRole('checkbox', { name: 'At risk' }).check();
	await expect(page).toHaveURL(/\/\?risk=1$/);
	await page.keyboard.press('Escape');
	await expect(page.getByRole('list', { name: 'Filters in force' })).toContainText('At risk');
	const shown = () =>
		page
			.locator('[data-card-id]')
			.evaluateAll((items) =>
				items.map((item) => (item.getAttribute('aria-label') ?? '').split(':')[0]).sort()
			);
	await expect.poll(shown).toEqual(atRisk);
	// Each shows its marker, with the sentence for a screen reader and on hover.
	const marker = card(page, late.number).getByTestId('at-risk');
	// Due yesterday: no chance is worth a number, the date has passed.
	await expect(marker).toHaveAttribute(
		'title',
		/^Likely ready .+; the due date, \w{3}, \w{3} \d+, has passed$/
	);
	await expect(marker).toContainText('At risk: Likely ready');

	// A due date moved earlier on another screen: the card joins the filter with the event.
	await patchOrder(request, onTime.id, { dueDate: addDays(today, -2), version: onTime.version });
	await expect.poll(shown).toEqual([...atRisk, onTime.number].sort());
	await page.close();
});

test('the order page says the forecast in a sentence, and the due list gives each at-risk order a line', async () => {
	const all = await forecasts();
	const atRisk = all.filter((f) => f.forecast.kind === 'forecast' && f.forecast.atRisk);
	const safe = all.find(
		(f) => f.forecast.kind === 'forecast' && !f.forecast.atRisk && f.dueDate !== null
	)!;
	const page = await context.newPage();
	await page.goto(`/orders/${atRisk[0].orderId}`);
	await expect(page.getByTestId('forecast')).toHaveText(
		/^At risk\. Likely ready \w{3}, \w{3} \d+; ((under 1%|\d+%) chance by the due date, \w{3}, \w{3} \d+|the due date, \w{3}, \w{3} \d+, has passed)\.$/
	);
	await page.goto(`/orders/${safe.orderId}`);
	await expect(page.getByTestId('forecast')).toHaveText(
		/^\s*Likely ready \w{3}, \w{3} \d+; (over 99%|\d+%) chance by the due date, .+\.$/
	);

	// Insights opens on the same orders, least likely first, each with why and a link to it.
	await page.goto('/insights');
	const list = page.getByRole('region', { name: 'Promised dates at risk now' });
	// The ten least likely show; the rest are a link away, on the board's At risk filter.
	await expect(list.getByRole('listitem')).toHaveCount(Math.min(10, atRisk.length));
	if (atRisk.length > 10) await expect(list).toContainText(`And ${atRisk.length - 10} more`);
	const numbers = atRisk.map((f) => f.number);
	for (const shown of await list.getByRole('listitem').getByRole('link').allTextContents())
		expect(numbers).toContain(shown);
	await expect(list.getByRole('listitem').first()).toContainText(
		/Waiting on|in \w+|into \w+ today/
	);

	await page.goto('/due');
	await expect(page.getByTestId('at-risk-line')).toHaveCount(atRisk.length);
	for (const { orderId } of atRisk) {
		await expect(
			page.locator(`tr[data-order-id="${orderId}"]`).getByTestId('at-risk-line')
		).toContainText('At risk: Likely ready');
	}
	await page.close();
});
