import fs from 'node:fs';
import { expect, test } from './fixtures';
import { ownServer } from './own-server';

const DATA = 'test-results/first-run-data';
const CODE_FILE = `${DATA}/setup-code.txt`;

test.describe('a fresh server that others can reach', () => {
	// Listening on every address, as a real shop's server does: /setup wants the console's code.
	const server = ownServer(3111, DATA, 'none', { HOST: '0.0.0.0' });
	const baseURL = server.baseURL;
	test.use({ storageState: { cookies: [], origins: [] } });

	test.beforeAll(async () => {
		fs.rmSync(DATA, { recursive: true, force: true });
		await server.start();
	});
	test.afterAll(() => server.stop());

	test('only whoever has the setup code from the server becomes the owner', async ({ page }) => {
		const code = fs.readFileSync(CODE_FILE, 'utf8').trim();
		expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);

		await page.goto(`${baseURL}/`);
		await expect(page).toHaveURL(`${baseURL}/setup`);
		await page.getByLabel('Setup code').fill('AAAA-BBBB-CCCC');
		await page.getByLabel('Your name').fill('Rosa Diaz');
		await page.getByLabel('Username').fill('rosa');
		await page.getByLabel('Password').fill('lantern over the quiet harbour');
		await page.getByRole('button', { name: 'Create owner and sign in' }).click();
		await expect(page.getByRole('alert')).toContainText(/code is not the one the server printed/);
		await expect(page.getByLabel('Setup code')).toHaveAttribute('aria-invalid', 'true');
		// Nobody was made: the page still asks.
		await page.goto(`${baseURL}/login`);
		await page.goto(`${baseURL}/`);
		await expect(page).toHaveURL(`${baseURL}/setup`);

		// Typed as a person would read it off a screen: lower case, spaces instead of dashes.
		await page.getByLabel('Setup code').fill(code.toLowerCase().replaceAll('-', ' '));
		await page.getByLabel('Your name').fill('Rosa Diaz');
		await page.getByLabel('Username').fill('rosa');
		await page.getByLabel('Password').fill('lantern over the quiet harbour');
		await page.getByRole('button', { name: 'Create owner and sign in' }).click();
		await expect(page).toHaveURL(`${baseURL}/`);
		await expect(page.getByText('Rosa Diaz')).toBeVisible();
		// Spent: its file is gone and the page with it.
		expect(fs.existsSync(CODE_FILE)).toBe(false);
		await page.goto(`${baseURL}/setup`);
		await expect(page).toHaveURL(`${baseURL}/`);
	});
});
