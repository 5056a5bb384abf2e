import fs from 'node:fs';
import { createThrowawayDatabase } from '../../scripts/throwaway-database';
import { expect, test } from './fixtures';
import { ownServer } from './own-server';

// Run by the 'postgres' Playwright project only, which exists when TEST_DATABASE_URL is set.
const adminUrl = process.env.TEST_DATABASE_URL;
const DATA = ['test-results/processes-a', 'test-results/processes-b'];

/**
 * Two server processes started at once on one new PostgreSQL database, each reachable from the
 * shop's network, as behind a balancer: the person reads the setup code off process A's console
 * and the balancer sends the form to B.
 */
test.describe('the first run with two processes on one PostgreSQL database', () => {
	test.use({ storageState: { cookies: [], origins: [] } });
	let database: Awaited<ReturnType<typeof createThrowawayDatabase>>;
	let servers: ReturnType<typeof ownServer>[] = [];

	test.beforeAll(async () => {
		database = await createThrowawayDatabase(
			adminUrl!,
			`benchboard_t_e2e_${Math.random().toString(36).slice(2, 10)}`
		);
		for (const dir of DATA) fs.rmSync(dir, { recursive: true, force: true });
		servers = [3114, 3115].map((port, i) =>
			ownServer(port, DATA[i], 'none', { HOST: '0.0.0.0', DATABASE_URL: database.url })
		);
		await Promise.all(servers.map((server) => server.start()));
	});
	test.afterAll(async () => {
		await Promise.all(servers.map((server) => server.stop()));
		await database?.drop();
	});

	test('the code printed by one process opens the shop on the other, and neither asks again', async ({
		page
	}) => {
		const [a, b] = servers;
		const [codeOfA, codeOfB] = DATA.map((dir) =>
			fs.readFileSync(`${dir}/setup-code.txt`, 'utf8').trim()
		);
		expect(codeOfA).not.toBe(codeOfB);

		await page.goto(`${b.baseURL}/`);
		await expect(page).toHaveURL(`${b.baseURL}/setup`);
		await page.waitForLoadState('networkidle');
		await page.getByLabel('Setup code').fill(codeOfA);
		await page
			.getByRole('group', { name: 'Your shop' })
			.getByLabel('Name', { exact: true })
			.fill('Lindqvist & Daughters');
		await page.getByLabel('Your name').fill('Rosa Diaz');
		await page.getByLabel('Username').fill('rosa');
		await page.getByLabel('Password').fill('lantern over the quiet harbour');
		await page.getByRole('button', { name: 'Create the shop and sign in' }).click();
		await expect(page).toHaveURL(`${b.baseURL}/`);
		await expect(page.getByLabel('Rosa Diaz, owner: account')).toBeVisible();

		// Process A printed its own code: it asks for none now, and its file goes.
		const elsewhere = await page.context().browser()!.newContext({ storageState: undefined });
		const other = await elsewhere.newPage();
		await other.goto(`${a.baseURL}/setup`);
		await expect(other).toHaveURL(`${a.baseURL}/login`);
		await other.goto(`${a.baseURL}/`);
		await expect(other).toHaveURL(/\/login/);
		for (const dir of DATA) expect(fs.existsSync(`${dir}/setup-code.txt`)).toBe(false);
		await elsewhere.close();
	});
});
