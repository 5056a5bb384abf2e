import fs from 'node:fs';
import { expect, test } from './fixtures';
import { ownServer } from './own-server';
import { contextAs } from './sign-in';

const DATA = 'test-results/leave-demo-data';

test.describe('leaving the demo for the shop of its own', () => {
	const server = ownServer(3112, DATA, 'demo');
	const baseURL = server.baseURL;

	test.beforeAll(async () => {
		fs.rmSync(DATA, { recursive: true, force: true });
		await server.start();
	});
	test.afterAll(() => server.stop());

	test('the owner starts the shop from Settings: the demo is kept as a backup, every screen signed out', async ({
		browser
	}) => {
		const bench = await (await contextAs(browser, baseURL, 'staff')).newPage();
		await bench.goto('/');
		await expect(bench.getByText('Live')).toBeVisible();

		const office = await (await contextAs(browser, baseURL, 'owner')).newPage();
		await office.goto('/settings');
		const demo = office.getByRole('region', { name: 'This is the demo' });
		await expect(demo).toContainText(`${DATA}/backups`);
		// The box says what happens; without it nothing does.
		await demo.getByRole('button', { name: 'Start my shop' }).click();
		await expect(office).toHaveURL(`${baseURL}/settings`);
		await demo.getByLabel("Clear the demo for my shop's own orders").check();
		await demo.getByRole('button', { name: 'Start my shop' }).click();
		await expect(office).toHaveURL(`${baseURL}/setup`);

		// The demo is kept, and the bench's board is signed out of it.
		const archives = fs
			.readdirSync(`${DATA}/backups`)
			.filter((name) => name.endsWith('-demo.tar.gz'));
		expect(archives).toHaveLength(1);
		await expect(bench).toHaveURL(`${baseURL}/setup`);

		// The demo's sessions open nothing any more, not even through the API.
		expect((await bench.request.get(`${baseURL}/api/v1/board`)).status()).toBe(401);

		const shop = office.getByRole('group', { name: 'Your shop' });
		await shop.getByLabel('Name', { exact: true }).fill('Harbour Lane Goldsmiths');
		await office.getByLabel('Your name').fill('Iris Kane');
		await office.getByLabel('Username').fill('iris');
		await office.getByLabel('Password').fill('brass lantern by the quay');
		await office.getByRole('button', { name: 'Create the shop and sign in' }).click();
		await expect(office).toHaveURL(`${baseURL}/`);
		await expect(office).toHaveTitle(/Harbour Lane Goldsmiths/);
		await expect(office.getByRole('listitem').filter({ hasText: 'CO-' })).toHaveCount(0);

		// Settings no longer offers to clear anything.
		await office.goto('/settings');
		await expect(office.getByRole('heading', { name: 'The shop', exact: true })).toBeVisible();
		await expect(office.getByRole('region', { name: 'This is the demo' })).toHaveCount(0);
	});
});
