import fs from 'node:fs';
import sharp from 'sharp';
import { expect, test } from './fixtures';
import { ownServer } from './own-server';
import { signInState } from './sign-in';

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
		// Typed only once the page is live: hydration would empty fields filled before it.
		await page.waitForLoadState('networkidle');
		await page.getByLabel('Setup code').fill('AAAA-BBBB-CCCC');
		const shop = page.getByRole('group', { name: 'Your shop' });
		await shop.getByLabel('Name', { exact: true }).fill('Goldschmiede Brandt');
		await page.getByLabel('Your name').fill('Rosa Diaz');
		await page.getByLabel('Username').fill('rosa');
		await page.getByLabel('Password').fill('lantern over the quiet harbour');
		await page.getByRole('button', { name: 'Create the shop and sign in' }).click();
		await expect(page.getByRole('alert')).toContainText(/code is not the one the server printed/);
		await expect(page.getByLabel('Setup code')).toHaveAttribute('aria-invalid', 'true');
		// Nobody was made: the page still asks.
		await page.goto(`${baseURL}/login`);
		await page.goto(`${baseURL}/`);
		await expect(page).toHaveURL(`${baseURL}/setup`);
		await page.waitForLoadState('networkidle');

		// Typed as a person would read it off a screen: lower case, spaces instead of dashes.
		await page.getByLabel('Setup code').fill(code.toLowerCase().replaceAll('-', ' '));
		// The shop of its own: a goldsmith in Munich, in euros, written the German way.
		await shop.getByLabel('Name', { exact: true }).fill('Goldschmiede Brandt');
		await shop.getByLabel('Address').fill('Theatinerstraße 12\n80333 München');
		await shop.getByLabel('Phone').fill('+49 89 555 0142');
		await shop.getByLabel('Time zone').fill('Europe/Berlin');
		await shop.getByLabel('Currency').selectOption('EUR');
		await shop.getByLabel('Language and region').selectOption('de-DE');
		await expect(shop.getByText(/Written as: .*1\.250,00\s€/)).toBeVisible();
		await page.getByLabel('Your name').fill('Rosa Diaz');
		await page.getByLabel('Username').fill('rosa');
		await page.getByLabel('Password').fill('lantern over the quiet harbour');
		await page.getByRole('button', { name: 'Create the shop and sign in' }).click();
		await expect(page).toHaveURL(`${baseURL}/`);
		await expect(page.getByLabel('Rosa Diaz, owner: account')).toBeVisible();
		await expect(page).toHaveTitle(/Goldschmiede Brandt/);
		// Spent: its file is gone and the page with it.
		expect(fs.existsSync(CODE_FILE)).toBe(false);
		await page.goto(`${baseURL}/setup`);
		await expect(page).toHaveURL(`${baseURL}/`);

		// The first order, priced as the shop writes amounts.
		await page.getByRole('button', { name: 'New order' }).click();
		const dialog = page.getByRole('dialog', { name: 'New custom order' });
		await dialog.getByLabel('Find the customer').fill('Lena');
		await dialog.getByRole('option', { name: /New customer/ }).click();
		await dialog.getByLabel('Last name').fill('Vogt');
		await dialog.getByLabel('Piece', { exact: true }).fill('Trauring in Rotgold');
		await dialog.getByLabel(/Quoted price/).fill('1.250,50');
		await dialog.getByRole('button', { name: 'Create order' }).click();
		await expect(dialog).toBeHidden();
		await expect(page).toHaveURL(/\/orders\/\d+$/);
		const id = Number(new URL(page.url()).pathname.split('/').pop());
		await expect(page.getByText('1.250,50 €').first()).toBeVisible();

		// The customer's status page speaks for the shop: its name, address and phone.
		const link = await page.request.get(`${baseURL}/api/v1/orders/${id}/status-link`);
		const { url } = (await link.json()) as { url: string };
		const customer = await page.context().browser()!.newContext({ storageState: undefined });
		const phone = await customer.newPage();
		await phone.goto(`${baseURL}${new URL(url).pathname}`);
		// The piece in the customer's words, not the staff's title.
		await expect(
			phone.getByRole('heading', { level: 1, name: 'Your engagement ring' })
		).toBeVisible();
		await expect(phone.getByText('Trauring in Rotgold')).toHaveCount(0);
		await expect(phone.getByRole('banner')).toContainText(/Goldschmiede Brandt/i);
		const reach = phone.getByRole('contentinfo');
		await expect(reach).toContainText('Theatinerstraße 12');
		await expect(reach.getByRole('link', { name: '+49 89 555 0142' })).toHaveAttribute(
			'href',
			'tel:+49895550142'
		);
		await customer.close();
	});
	test('a change to the profile reaches every open screen at once', async ({ browser }) => {
		const signedIn = async () => {
			const context = await browser.newContext({ baseURL, storageState: undefined });
			await signInState(context.request, baseURL, 'rosa', 'lantern over the quiet harbour');
			return context;
		};
		const [bench, office] = [await signedIn(), await signedIn()];
		const created = await bench.request.post(`${baseURL}/api/v1/orders`, {
			data: {
				customer: { givenName: 'Jonas', familyName: 'Keller' },
				title: 'Siegelring mit Wappen',
				dueDate: '2031-03-14'
			},
			headers: { origin: baseURL }
		});
		expect(created.status()).toBe(201);
		const { id } = ((await created.json()) as { card: { id: number } }).card;
		const order = await bench.newPage();
		await order.goto(`/orders/${id}`);
		await expect(order.getByText('14. März 2031').first()).toBeVisible();
		const board = await bench.newPage();
		await board.goto('/');
		const card = board.getByRole('listitem', { name: /Siegelring mit Wappen/ });
		await expect(card).toContainText('14. März 2031');
		await expect(board.getByText('Live')).toBeVisible();

		const settings = await office.newPage();
		await settings.goto('/settings');
		const form = settings.getByRole('form', { name: 'The shop' });
		await form.getByLabel('Name', { exact: true }).fill('Brandt & Söhne');
		await form.getByLabel('Language and region').selectOption('en-GB');
		await form.getByRole('button', { name: 'Save' }).click();
		await expect(form.getByRole('status')).toContainText('Saved');

		// The bench's board, untouched: its title and its dates change as the owner saves.
		await expect(board).toHaveTitle(/Brandt & Söhne/);
		await expect(card).toContainText('14 Mar 2031');
		// The order page open on the bench's other tab too.
		await expect(order.getByText('14 Mar 2031').first()).toBeVisible();
		// A logo, which the customer's status page then shows.
		const png = await sharp({
			create: { width: 300, height: 90, channels: 3, background: '#7a5c1e' }
		})
			.png()
			.toBuffer();
		await settings
			.getByRole('form', { name: 'Logo' })
			.getByLabel(/Logo/)
			.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png });
		await settings.getByRole('button', { name: 'Upload logo' }).click();
		await expect(settings.getByRole('img', { name: 'Brandt & Söhne logo' })).toBeVisible();
		const link = await bench.request.get(`${baseURL}/api/v1/orders/${id}/status-link`);
		const customer = await browser.newContext({ storageState: undefined });
		const status = await customer.newPage();
		await status.goto(
			`${baseURL}${new URL(((await link.json()) as { url: string }).url).pathname}`
		);
		const logo = status.getByRole('banner').locator('img');
		await expect(logo).toBeVisible();
		expect(await logo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(300);
		await customer.close();

		// And the trail says who changed what.
		await settings.reload();
		const trail = settings
			.getByRole('region', { name: 'Changes to the settings' })
			.getByRole('row', { name: /Rosa Diaz/ });
		await expect(trail.first()).toContainText('The shop');
		await expect(trail.filter({ hasText: 'Logo' })).toContainText('Logo: (none) → an image');
		await expect(trail.filter({ hasText: 'Söhne' })).toContainText(
			/Name: Goldschmiede Brandt → Brandt & Söhne/
		);
		await bench.close();
		await office.close();
	});
});
