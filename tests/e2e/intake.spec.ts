import { expect, test, type Browser } from './fixtures';
import { contextAs } from './sign-in';

/**
 * A new order with the customer's own stone and a deposit, taken in one dialog on a counter tablet
 * (1024x768, touch), then seen on the order page and on the receipt the customer takes home.
 */

const RUN = Date.now().toString(36);

/** The counter's tablet (1024x768, touch), signed in as staff, on the live board. */
async function counterTablet(browser: Browser, baseURL: string) {
	const context = await contextAs(browser, baseURL, 'staff', {
		viewport: { width: 1024, height: 768 },
		hasTouch: true
	});
	const page = await context.newPage();
	await page.goto('/');
	await expect(page.getByText('Live', { exact: true })).toBeVisible();
	return { context, page };
}

test('staff take in an order with the customer’s stone and a deposit in one dialog, in few taps', async ({
	browser,
	baseURL
}) => {
	const { context, page } = await counterTablet(browser, baseURL!);
	let taps = 0;
	const tap = async (target: ReturnType<typeof page.getByRole>) => {
		taps++;
		await target.tap();
	};
	const title = `Reset of grandmother’s diamond ${RUN}`;

	await tap(page.getByRole('button', { name: 'New order' }));
	const dialog = page.getByRole('dialog', { name: 'New custom order' });
	await dialog.getByLabel('Find the customer').fill(`Sofia Lindqvist${RUN}`);
	await tap(dialog.getByRole('option', { name: /New customer/ }));
	await dialog.getByLabel('Piece', { exact: true }).fill(title);
	await dialog.getByLabel(/Quoted price/).fill('3,200');
	await tap(dialog.getByRole('button', { name: "+ Add customer's stone" }));
	await dialog.getByRole('textbox', { name: 'Gem' }).fill('Diamond');
	await dialog.getByLabel(/Carats/).fill('1.12');
	await dialog.getByLabel(/Declared value/).fill('4,500');
	await tap(dialog.getByRole('button', { name: '+ Take a deposit' }));
	await dialog.getByLabel('Deposit amount').fill('1,600');
	await tap(dialog.getByLabel('Cash'));
	await tap(dialog.getByRole('button', { name: 'Create order' }));
	expect(taps).toBeLessThanOrEqual(12);

	await expect(page).toHaveURL(/\/orders\/\d+$/);
	const id = new URL(page.url()).pathname.split('/').pop();
	const panel = page
		.getByRole('dialog')
		.filter({ has: page.getByRole('heading', { name: title }) });
	await expect(panel).toContainText("Customer's stone");
	await expect(panel).toContainText('1.12 ct');
	await expect(panel).toContainText('$1,600.00');

	// The new order opens with the customer's receipt and the envelope on offer: one more tap.
	await expect(panel.getByRole('link', { name: 'Print envelope' })).toBeVisible();
	await panel.getByRole('link', { name: 'Print receipt' }).tap();
	await expect(page).toHaveURL(new RegExp(`/orders/${id}/receipt$`));
	const receipt = page.getByRole('main');
	await expect(receipt.getByRole('heading', { name: 'Order receipt' })).toBeVisible();
	await expect(receipt).toContainText('Center stone: Diamond');
	await expect(receipt).toContainText('1.12 ct');
	await expect(receipt).toContainText('declared value $4,500.00');
	await expect(receipt).toContainText('Deposit');
	await expect(receipt).toContainText('$1,600.00');
	await context.close();
});

test('a bad carat weight is said beside the stone’s field, and nothing is created', async ({
	browser,
	baseURL
}) => {
	const { context, page } = await counterTablet(browser, baseURL!);
	await page.getByRole('button', { name: 'New order' }).tap();
	const dialog = page.getByRole('dialog', { name: 'New custom order' });
	await dialog.getByLabel('Find the customer').fill(`Ada Brennan${RUN}`);
	await dialog.getByRole('option', { name: /New customer/ }).tap();
	await dialog.getByLabel('Piece', { exact: true }).fill(`Pendant ${RUN}`);
	await dialog.getByRole('button', { name: "+ Add customer's stone" }).tap();
	await dialog.getByRole('textbox', { name: 'Gem' }).fill('Sapphire');
	await dialog.getByLabel(/Carats/).fill('0');
	await dialog.getByRole('button', { name: 'Create order' }).tap();
	await expect(dialog.getByText('Carats must be more than 0')).toBeVisible();
	await expect(page).not.toHaveURL(/\/orders\//);
	await context.close();
});
