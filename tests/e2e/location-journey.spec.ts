import fs from 'node:fs';
import { expect, test, type APIRequestContext, type Page } from './fixtures';
import { ownServer } from './own-server';
import { contextAs } from './sign-in';
import { displayLink, openDisplay } from './wall-display';
import type { Board } from '../../src/lib/types';

/**
 * A two-store shop with a workshop, on a server of its own: an order taken in at Main Street is
 * made at the workshop and comes back, and each place's screens see their own work, live. The
 * counter's board (desktop), the bench's board (a touch tablet) and the workshop's TV are open the
 * whole time; the phone reads the piece's journey at the end.
 */
const port = Number(process.env.E2E_PORT ?? 3107) + 10;
const dataDir = 'test-results/location-journey-data';
const server = ownServer(port, dataDir, 'demo', {}, 80_000);
const shots = 'test-results/location-journey';
const baseURL = server.baseURL;

test.beforeAll(async () => {
	test.setTimeout(90_000);
	fs.rmSync(dataDir, { recursive: true, force: true });
	await server.start();
});
test.afterAll(() => server.stop());

/** The shop's three places, made through the API as the owner would on Settings → Locations. */
async function threePlaces(owner: APIRequestContext) {
	const headers = { origin: baseURL };
	const [first] = await (await owner.get('/api/v1/locations')).json();
	const renamed = await owner.patch(`/api/v1/locations/${first.id}`, {
		data: { version: first.version, name: 'Main Street' },
		headers
	});
	expect(renamed.status(), await renamed.text()).toBe(200);
	const add = async (name: string, kind: string) => {
		const response = await owner.post('/api/v1/locations', { data: { name, kind }, headers });
		expect(response.status(), await response.text()).toBe(201);
		return ((await response.json()) as { id: number }).id;
	};
	return {
		main: first.id as number,
		harbor: await add('Harbor', 'store'),
		workshop: await add('Workshop', 'workshop')
	};
}

const cardOn = (screen: Page, id: number) => screen.locator(`li[data-card-id="${id}"]`);

test('store to workshop and back: each place sees its own work, and the journey is on record', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const owner = await contextAs(browser, baseURL, 'owner', {
		viewport: { width: 1600, height: 1000 }
	});
	const places = await threePlaces(owner.request);

	// The workshop's TV, limited to the workshop by the owner.
	const settings = await owner.newPage();
	const link = await displayLink(settings, 'Workshop TV');
	const options = settings.getByRole('form', { name: 'Options for Workshop TV' });
	await options.getByLabel('Location').selectOption({ label: 'Only Workshop' });
	await options.getByRole('button', { name: 'Save options' }).click();
	await expect(options.getByRole('status')).toContainText('Saved');
	const tv = await openDisplay(browser, link);

	// The counter at Main Street (desktop) and the bench at the workshop (a touch tablet).
	const staff = await contextAs(browser, baseURL, 'staff', {
		viewport: { width: 1600, height: 1000 }
	});
	const counter = await staff.newPage();
	const benchContext = await contextAs(browser, baseURL, 'bench', {
		viewport: { width: 1024, height: 768 },
		hasTouch: true
	});
	const bench = await benchContext.newPage();
	await bench.goto(`/?location=${places.workshop}`);
	await expect(bench.getByRole('list', { name: 'Filters in force' })).toContainText(
		'Location: Workshop'
	);

	// On a board limited to one store, a new order is taken in at that store.
	await counter.goto(`/?location=${places.harbor}`);
	await counter.getByRole('button', { name: 'New order' }).click();
	const dialog = counter.getByRole('dialog', { name: 'New custom order' });
	await expect(dialog.getByLabel('Taken in at')).toHaveValue(String(places.harbor));
	await expect(dialog.getByLabel('Pickup at')).toHaveValue(String(places.harbor));
	await counter.keyboard.press('Escape');

	// On the board of every location, at the shop's first store (Sam has no home location), though
	// Harbor comes first in the list; the customer will collect it here too.
	await counter.goto('/');
	await expect(counter.getByText('Live', { exact: true })).toBeVisible();
	await counter.getByRole('button', { name: 'New order' }).click();
	await dialog.getByLabel('Find the customer').fill('Nora Quayle');
	await dialog.getByRole('option', { name: /New customer/ }).click();
	await dialog.getByLabel('Piece', { exact: true }).fill('Reset heirloom sapphire, yellow gold');
	await expect(dialog.getByLabel('Taken in at')).toHaveValue(String(places.main));
	await expect(dialog.getByLabel('Pickup at')).toHaveValue(String(places.main));
	await dialog.getByRole('button', { name: 'Create order' }).click();
	await expect(counter).toHaveURL(/\/orders\/\d+$/);
	const id = Number(new URL(counter.url()).pathname.split('/').pop());
	const order = await (await staff.request.get(`/api/v1/orders/${id}`)).json();
	const ring = await staff.request.post(`/api/v1/orders/${id}/items`, {
		data: {
			kind: 'jewelry',
			description: 'Grandmother’s ring',
			weight: 4.21,
			weightUnit: 'g',
			to: { kind: 'place', place: 'Safe' }
		},
		headers: { origin: baseURL }
	});
	expect(ring.status(), await ring.text()).toBe(201);
	await expect(cardOn(bench, id)).toHaveCount(0);
	await expect(cardOn(tv, id)).toHaveCount(0);

	// Sent to the workshop with the ring, weighed.
	await counter.reload();
	const location = counter.getByRole('region', { name: 'Location' });
	await expect(location.getByTestId('location-line')).toHaveText('At Main Street');
	await location.getByRole('button', { name: 'Send to…' }).click();
	const send = counter.getByRole('dialog', { name: `Send ${order.number} to another location` });
	await send.getByLabel('Send to').selectOption({ label: 'Workshop' });
	await send.getByLabel('Grandmother’s ring (g)').fill('4.21');
	await send.getByRole('button', { name: 'Send', exact: true }).click();
	await expect(location.getByTestId('location-line')).toHaveText(/^In transit to Workshop since /);

	// The workshop's screens see it coming, live.
	await expect(cardOn(bench, id).getByTestId('card-place')).toHaveText('In transit → Workshop');
	await expect(cardOn(tv, id)).toContainText('In transit');
	await bench.screenshot({ path: `${shots}/bench-1024-arriving.png` });
	await tv.screenshot({ path: `${shots}/tv-1920-workshop.png` });

	// The bench receives it from its board: the card says nothing more once the piece is here, and
	// the counter's board says where its order is.
	await cardOn(bench, id).getByRole('link').first().tap();
	await expect(bench).toHaveURL(new RegExp(`/orders/${id}$`));
	const arriving = bench.getByRole('region', { name: 'Location' });
	await arriving.getByRole('button', { name: 'Receive' }).tap();
	const receive = bench.getByRole('dialog', { name: `Receive ${order.number}` });
	await receive.getByLabel('Grandmother’s ring (g)').fill('4.21');
	await receive.getByRole('button', { name: 'Receive', exact: true }).tap();
	await expect(arriving.getByTestId('location-line')).toHaveText('At Workshop');
	await expect(cardOn(tv, id)).toBeVisible();
	await expect(cardOn(tv, id)).not.toContainText('In transit');
	await counter.goto(`/?location=${places.main}`);
	await expect(cardOn(counter, id).getByTestId('card-place')).toHaveText('At Workshop');
	await counter.screenshot({ path: `${shots}/counter-1600-at-workshop.png` });
	await bench.goBack();
	await expect(cardOn(bench, id)).toBeVisible();
	await expect(cardOn(bench, id).getByTestId('card-place')).toHaveCount(0);

	// Made; sent back to the store. The workshop's TV lets it go the moment it leaves.
	await bench.goto(`/orders/${id}`);
	await arriving.getByRole('button', { name: 'Send to…' }).tap();
	const back = bench.getByRole('dialog', { name: `Send ${order.number} to another location` });
	await back.getByLabel('Send to').selectOption({ label: 'Main Street' });
	await back.getByLabel('Grandmother’s ring (g)').fill('4.21');
	await back.getByRole('button', { name: 'Send', exact: true }).tap();
	await expect(arriving.getByTestId('location-line')).toHaveText(/^In transit to Main Street/);
	await expect(cardOn(tv, id)).toHaveCount(0);
	await expect(cardOn(counter, id).getByTestId('card-place')).toHaveText(
		'In transit → Main Street'
	);

	// Received at the counter: home again, and the workshop's board no longer holds it.
	await counter.goto(`/orders/${id}`);
	await location.getByRole('button', { name: 'Receive' }).click();
	const home = counter.getByRole('dialog', { name: `Receive ${order.number}` });
	await home.getByLabel('Grandmother’s ring (g)').fill('4.21');
	await home.getByRole('button', { name: 'Receive', exact: true }).click();
	await expect(location.getByTestId('location-line')).toHaveText('At Main Street');
	await bench.goto(`/?location=${places.workshop}`);
	await expect(bench.getByText('Live', { exact: true })).toBeVisible();
	await expect(cardOn(bench, id)).toHaveCount(0);

	// Harbor never had any of it.
	const harbor = (await (
		await staff.request.get(`/api/v1/board?location=${places.harbor}`)
	).json()) as Board;
	expect(harbor.orders.map((card) => card.id)).not.toContain(id);

	// On the phone, the whole journey reads in the history: two sends, two receipts.
	const phoneContext = await contextAs(browser, baseURL, 'staff', {
		viewport: { width: 390, height: 844 },
		hasTouch: true,
		isMobile: true
	});
	const phone = await phoneContext.newPage();
	await phone.goto(`/orders/${id}`);
	const history = phone.getByRole('region', { name: /History/ });
	await expect(
		history.getByText(/sent the piece from Main Street to Workshop with Grandmother’s ring/)
	).toBeVisible();
	await expect(history.getByText(/received the piece at Workshop from Main Street/)).toBeVisible();
	await expect(
		history.getByText(/sent the piece from Workshop to Main Street with Grandmother’s ring/)
	).toBeVisible();
	await expect(history.getByText(/received the piece at Main Street from Workshop/)).toBeVisible();
	await phone.getByRole('region', { name: 'Location' }).scrollIntoViewIfNeeded();
	await phone.screenshot({ path: `${shots}/phone-390-location.png` });
	await history.scrollIntoViewIfNeeded();
	await phone.screenshot({ path: `${shots}/phone-390-history.png` });

	for (const context of [owner, staff, benchContext, phoneContext, tv.context()])
		await context.close();
});
