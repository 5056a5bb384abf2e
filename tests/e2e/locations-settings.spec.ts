import fs from 'node:fs';
import { expect, test, type BrowserContext } from './fixtures';
import { ownServer } from './own-server';
import { contextAs } from './sign-in';

/**
 * The owner opens a second store and a workshop on Settings; then the counter takes an order in
 * that the customer will pick up at the new store, and the order says so. A server of its own: once
 * a shop has several locations, every screen speaks of them, which the shared server's tests of a
 * one-store shop must not see.
 */
const port = Number(process.env.E2E_PORT ?? 3107) + 10;
const dataDir = 'test-results/locations-settings-data';
const server = ownServer(port, dataDir, 'demo', {}, 80_000);
const shots = 'test-results/locations-settings';

const contexts: BrowserContext[] = [];
test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
	test.setTimeout(90_000);
	fs.rmSync(dataDir, { recursive: true, force: true });
	await server.start();
});
test.afterAll(async () => {
	for (const context of contexts) await context.close();
	await server.stop();
});

test('the owner adds a workshop and a second store on Settings', async ({ browser }) => {
	const owner = await contextAs(browser, server.baseURL, 'owner', {
		viewport: { width: 1600, height: 1000 }
	});
	contexts.push(owner);
	const page = await owner.newPage();
	await page.goto('/settings');
	await page
		.getByRole('navigation', { name: 'Settings sections' })
		.getByRole('link', { name: 'Locations' })
		.click();
	const section = page.locator('section', {
		has: page.getByRole('heading', { name: 'Locations' })
	});
	const list = section.getByRole('list', { name: 'Locations' });
	// A shop of one: its store, named as the shop is.
	await expect(list.getByRole('listitem')).toHaveCount(1);

	const add = section.getByRole('form', { name: 'Add a location' });
	await add.getByLabel('Name').fill('Riverside workshop');
	await add.getByLabel('Kind').selectOption('workshop');
	await add.getByRole('button', { name: 'Add location' }).click();
	await expect(list.getByRole('listitem')).toHaveCount(2);

	// A name already taken is said beside the field, and nothing is added.
	await add.getByLabel('Name').fill('RIVERSIDE Workshop');
	await add.getByRole('button', { name: 'Add location' }).click();
	await expect(add.getByText(/Name is already a location's name/)).toBeVisible();
	await expect(list.getByRole('listitem')).toHaveCount(2);

	await add.getByLabel('Name').fill('Harbor store');
	await add.getByLabel('Kind').selectOption('store');
	await add.getByLabel('Address').fill('2 Pier Road\nPortside');
	await add.getByLabel('Opening hours').fill('Tue–Sat 10–6');
	await add.getByRole('button', { name: 'Add location' }).click();
	await expect(list.getByRole('listitem')).toHaveCount(3);
	const harbor = list.getByRole('listitem').filter({ hasText: 'Harbor store' });
	await expect(harbor).toContainText('2 Pier Road');
	await expect(add.getByLabel('Name')).toHaveValue('');

	// The demo's open orders are all at the first store: it stays in use until they move.
	const first = list.getByRole('listitem').first();
	await first.getByRole('button', { name: /^Archive/ }).click();
	await expect(first.getByRole('alert')).toHaveText(
		/^Not archived: \d+ open orders are at .+ or will be picked up there\. Move them first\.$/
	);
	await expect(first.getByText('archived', { exact: true })).toHaveCount(0);
	await section.screenshot({ path: `${shots}/settings-1600.png` });

	await page.setViewportSize({ width: 390, height: 844 });
	await section.screenshot({ path: `${shots}/settings-390.png` });
});

test('staff take in an order to be picked up at the second store, and see it on the order', async ({
	browser
}) => {
	const staff = await contextAs(browser, server.baseURL, 'staff', {
		viewport: { width: 1600, height: 1000 }
	});
	contexts.push(staff);
	const page = await staff.newPage();
	await page.goto('/');
	await expect(page.getByText('Live', { exact: true })).toBeVisible();
	await page.getByRole('button', { name: 'New order' }).click();
	const dialog = page.getByRole('dialog', { name: 'New custom order' });
	await dialog.getByLabel('Find the customer').fill('Ines Harbor');
	await dialog.getByRole('option', { name: /New customer/ }).click();
	await dialog.getByLabel('Piece', { exact: true }).fill('Rose gold stacking band, size 6');
	// Taken in here (the first store); the customer collects it at the harbor.
	await expect(dialog.getByLabel('Taken in at')).not.toHaveValue('');
	const pickup = dialog.getByLabel('Pickup at');
	await expect(pickup.getByRole('option')).toHaveText([/.+/, 'Harbor store']);
	await pickup.selectOption({ label: 'Harbor store' });
	await dialog.getByRole('button', { name: 'Create order' }).click();

	await expect(page).toHaveURL(/\/orders\/\d+$/);
	const id = new URL(page.url()).pathname.split('/').pop();
	await page.goto(`/orders/${id}`);
	const places = page.getByTestId('order-places');
	await expect(places).toHaveText(/^Taken in at .+·\s*Pickup at Harbor store$/);
	await expect(places).not.toContainText('Riverside workshop');
	// Where the piece is now is said once, in the Location section, with its transfer button.
	await expect(page.getByTestId('location-line')).toHaveText(/^At .+/);
	await page.screenshot({ path: `${shots}/order-1600.png` });

	// The pickup store changes on the order's own edit form.
	await page.getByRole('button', { name: 'Edit' }).first().click();
	await page.getByLabel('Pickup at').selectOption({ index: 0 });
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(places).not.toContainText('Pickup at Harbor store');

	await page.setViewportSize({ width: 390, height: 844 });
	await page.screenshot({ path: `${shots}/order-390.png` });
});

test('a settings form naming a location, an account or a display that is no such thing is refused, never a 500', async ({
	browser
}) => {
	const owner = await contextAs(browser, server.baseURL, 'owner');
	contexts.push(owner);
	const post = (action: string, form: Record<string, string>) =>
		owner.request.post(`/settings?/${action}`, {
			form,
			headers: { origin: server.baseURL, accept: 'application/json' },
			maxRedirects: 0
		});
	for (const bad of ['99999999999', 'abc', '-1', '']) {
		for (const [action, form] of [
			['editLocation', { id: bad, version: '1', name: 'Anywhere' }],
			['archiveLocation', { id: bad, version: '1', archived: 'true' }],
			['homeLocation', { id: bad, homeLocationId: '' }],
			['disable', { id: bad }]
		] as const) {
			const response = await post(action, form);
			const body = await response.text();
			expect(body, `${action} id=${bad}`).not.toMatch(/"status":5\d\d|Internal Error/);
			expect(body, `${action} id=${bad}`).toMatch(/"type":"failure","status":40[04]/);
		}
	}
});
