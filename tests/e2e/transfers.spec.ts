import fs from 'node:fs';
import { expect, test, type APIRequestContext, type BrowserContext } from './fixtures';
import { addLocation, ageTransfer, renameFirstStore } from './locations-sql';
import { ownServer } from './own-server';
import { contextAs } from './sign-in';

/**
 * A shop of two locations (the Main Street store and the workshop), on a server of its own: the
 * shared one has one store, and must keep looking exactly as before.
 */
const port = Number(process.env.E2E_PORT ?? 3107) + 10;
const dataDir = 'test-results/transfers-data';
const server = ownServer(port, dataDir, 'demo', {}, 80_000);

let staff: BrowserContext;
let bench: BrowserContext;
let workshop: number;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
	test.setTimeout(200_000);
	fs.rmSync(dataDir, { recursive: true, force: true });
	// The demo shop is made at the first start; its second location goes in while it is stopped.
	await server.start();
	await server.stop();
	await renameFirstStore(dataDir, 'Main Street');
	workshop = await addLocation(dataDir, 'Workshop', 'workshop');
	await server.start();
	staff = await contextAs(browser, server.baseURL, 'staff');
	bench = await contextAs(browser, server.baseURL, 'bench');
});
test.afterAll(async () => {
	await staff?.close();
	await bench?.close();
	await server.stop();
});

async function orderIn(request: APIRequestContext, stage: string, skip = 0) {
	const board = await (await request.get('/api/v1/board')).json();
	return board.orders.filter((order: { stage: string }) => order.stage === stage)[skip] as {
		id: number;
		number: string;
		version: number;
	};
}

test('the piece goes to the workshop with the customer’s ring, weighed out and in', async () => {
	const order = await orderIn(staff.request, 'setting');
	const checkIn = await staff.request.post(`/api/v1/orders/${order.id}/items`, {
		data: {
			kind: 'jewelry',
			description: 'Grandmother’s ring',
			weight: 4.21,
			weightUnit: 'g',
			to: { kind: 'place', place: 'Safe' }
		}
	});
	expect(checkIn.status()).toBe(201);

	const page = await staff.newPage();
	await page.goto(`/orders/${order.id}`);
	const location = page.getByRole('region', { name: 'Location' });
	await expect(location.getByTestId('location-line')).toHaveText('At Main Street');
	await location.getByRole('button', { name: 'Send to…' }).click();
	const send = page.getByRole('dialog', { name: `Send ${order.number} to another location` });
	await expect(send.getByLabel('Send to')).toHaveValue(String(workshop));
	await send.getByLabel('Grandmother’s ring (g)').fill('4.21');
	await send.getByLabel('Note').fill('For setting');
	await send.getByRole('button', { name: 'Send', exact: true }).click();
	await expect(send).toBeHidden();
	await expect(location.getByTestId('location-line')).toHaveText(
		/^In transit to Workshop since .+ · sent by Sam/
	);
	await expect(location.getByText('“For setting”')).toBeVisible();
	const items = page.getByRole('region', { name: /Customer's items/ });
	await expect(items.getByText('In transit to Workshop').first()).toBeVisible();
	// On its way, the ring is received with the piece: no hand-off or return meanwhile.
	await expect(items.getByRole('button', { name: 'Hand off Grandmother’s ring' })).toHaveCount(0);
	await expect(items.getByRole('button', { name: /^Return Grandmother’s ring/ })).toHaveCount(0);

	// The board's card says where the piece is heading.
	await page.goto('/');
	const card = page.locator(`[data-card-id="${order.id}"]`);
	await expect(card.getByTestId('card-place')).toHaveText('In transit → Workshop');

	// The bench at the workshop receives it, lighter than it left: the ring is flagged.
	const workshopPage = await bench.newPage();
	await workshopPage.goto(`/orders/${order.id}`);
	const arriving = workshopPage.getByRole('region', { name: 'Location' });
	await arriving.getByRole('button', { name: 'Receive' }).click();
	const receive = workshopPage.getByRole('dialog', { name: `Receive ${order.number}` });
	await expect(receive.getByText('Arriving at Workshop')).toBeVisible();
	await receive.getByLabel('Grandmother’s ring (g)').fill('4.02');
	// Said at the moment of weighing, before it goes on record.
	await expect(
		receive.getByText(/^0\.19 g lighter than last weighed \(4\.21 g\): weigh it again/)
	).toBeVisible();
	await receive.getByRole('button', { name: 'Receive', exact: true }).click();
	await expect(receive).toBeHidden();
	await expect(arriving.getByTestId('location-line')).toHaveText('At Workshop');
	await expect(
		workshopPage.getByText('Weight changed: 4.21 g → 4.02 g (\u22120.19 g)').first()
	).toBeVisible();

	// Both steps are in the history, and the store's board hears the arrival live.
	await expect(card.getByTestId('card-place')).toHaveText('At Workshop');
	await workshopPage.goto(`/orders/${order.id}`);
	const history = workshopPage.getByRole('region', { name: /History/ });
	await expect(
		history.getByText(
			/sent the piece from Main Street to Workshop with Grandmother’s ring \(4\.21 g\)/
		)
	).toBeVisible();
	await expect(history.getByText(/received the piece at Workshop from Main Street/)).toBeVisible();
	await page.close();
	await workshopPage.close();
});

test('a piece not received within the alert hours is flagged', async () => {
	test.setTimeout(120_000);
	const order = await orderIn(staff.request, 'polishing');
	const sent = await staff.request.post(`/api/v1/orders/${order.id}/transfers`, {
		data: { version: order.version, toLocationId: workshop }
	});
	expect(sent.status()).toBe(201);
	await server.stop();
	await ageTransfer(dataDir, order.id, 26);
	await server.start();

	const page = await staff.newPage();
	await page.goto(`/orders/${order.id}`);
	await expect(
		page.getByRole('region', { name: 'Location' }).getByText('Not received after 26 hours')
	).toBeVisible();
	await page.goto('/');
	const card = page.locator(`[data-card-id="${order.id}"]`);
	await expect(card.getByTestId('card-place')).toContainText('In transit → Workshop');
	await expect(card.getByTestId('card-place')).toContainText('Not received after 26 hours');
	await page.close();
});

test('a caller who is not signed in is refused, and bad input is a 400 naming the field', async ({
	playwright
}) => {
	const order = await orderIn(staff.request, 'casting');
	const anonymous = await playwright.request.newContext({ baseURL: server.baseURL });
	const refused = await anonymous.post(`/api/v1/orders/${order.id}/transfers`, {
		data: { version: order.version, toLocationId: workshop }
	});
	expect(refused.status()).toBe(401);
	await anonymous.dispose();
	const bad = await staff.request.post(`/api/v1/orders/${order.id}/transfers`, {
		data: { version: order.version, toLocationId: 'the workshop' }
	});
	expect(bad.status()).toBe(400);
	expect((await bad.json()).error.field).toBe('toLocationId');
	const after = await (await staff.request.get(`/api/v1/orders/${order.id}`)).json();
	expect(after.version).toBe(order.version);
	expect(after.transitToId).toBeNull();
});
