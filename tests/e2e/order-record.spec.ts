import { expect, test, type Browser, type Locator, type Page } from './fixtures';
import { contextAs } from './sign-in';

/**
 * Taking in a custom order at the counter, as staff do: a new customer, the piece, the customer's
 * own center stone and a deposit; a colleague's board shows it at once, and search finds it.
 */

const RUN = Date.now().toString(36);

async function openBoard(browser: Browser, baseURL: string, who: 'owner' | 'bench' = 'owner') {
	const context = await contextAs(browser, baseURL, who, {
		viewport: { width: 1440, height: 900 }
	});
	const page = await context.newPage();
	await page.goto('/');
	await expect(page.getByText('Live', { exact: true })).toBeVisible();
	return page;
}

const section = (page: Page | Locator, name: string) =>
	page.getByRole('region', { name: new RegExp(`^${name}`) });

test('staff take in a full order with the customer’s stone and a deposit; another screen sees it; search finds it', async ({
	browser,
	baseURL
}) => {
	const counter = await openBoard(browser, baseURL!);
	const colleague = await openBoard(browser, baseURL!);
	const familyName = `Lindqvist${RUN}`;
	const title = `Bezel solitaire with grandmother's diamond ${RUN}`;

	await counter.getByRole('button', { name: 'New order' }).click();
	const dialog = counter.getByRole('dialog', { name: 'New custom order' });
	await dialog.getByLabel('Find the customer').fill(`Sofia ${familyName}`);
	await dialog.getByRole('option', { name: /New customer/ }).click();
	await expect(dialog.getByLabel('Last name')).toHaveValue(familyName);
	await dialog.getByLabel(/Phone/).fill(`555-7${RUN.slice(-3).replace(/\D/g, '1')}-0188`);
	await dialog.getByLabel('Piece type').selectOption('remount');
	await dialog.getByLabel(/Occasion/).fill('Anniversary on the 20th');
	await dialog.getByLabel('Piece', { exact: true }).fill(title);
	await dialog.getByLabel(/Due date/).fill('2027-02-14');
	await dialog.getByLabel(/Quoted price/).fill('1,650.00');
	await dialog.getByRole('button', { name: 'Create order' }).click();

	// The new order opens beside the board.
	const panel = counter
		.getByRole('dialog')
		.filter({ has: counter.getByRole('heading', { name: title }) });
	await expect(panel).toBeVisible();
	await expect(panel).toContainText('Anniversary on the 20th');

	// The customer's own center stone, with its declared value.
	await section(panel, 'Stones').getByRole('button', { name: 'Add stone' }).click();
	const stones = section(panel, 'Stones');
	await stones.getByLabel('Role').selectOption('center');
	await stones.getByLabel('Source').selectOption('customer');
	await stones.getByLabel('Gem').fill('Diamond');
	await stones.getByLabel('Carats (ct)').fill('1.05');
	await stones.getByLabel('Declared value').fill('6,000');
	await stones.getByLabel('State').selectOption('received');
	await stones.getByRole('button', { name: 'Add stone' }).click();
	await expect(stones.getByText("Customer's stone")).toBeVisible();
	await expect(stones).toContainText('1.05 ct');

	// Half down as a deposit.
	const money = section(panel, 'Money');
	await money.getByRole('button', { name: 'Record payment' }).click();
	await money.getByLabel('Kind').selectOption('deposit');
	await money.getByLabel('Amount').fill('825.00');
	await money.getByLabel('Method').selectOption('card');
	await money.getByRole('button', { name: 'Record payment' }).click();
	await expect(money).toContainText('$825.00');
	await expect(money.getByText(/Balance due/)).toBeVisible();
	await expect(money).toContainText('$825.00');

	// A colleague's board: in Intake, with the customer's stone marked.
	const card = colleague
		.getByRole('region', { name: /^Intake/ })
		.getByRole('listitem', { name: new RegExp(title) });
	await expect(card).toBeVisible();
	await expect(card).toContainText(`Sofia ${familyName}`);
	await expect(card).toContainText("Customer's stone");

	// Anyone can find it from the header, by the customer's name.
	await colleague.getByPlaceholder(/Order, customer/).fill(familyName);
	const result = colleague.getByRole('option', { name: new RegExp(title) });
	await expect(result).toBeVisible();
	await result.click();
	await expect(colleague).toHaveURL(/\/orders\/\d+$/);
	await expect(colleague.getByRole('heading', { name: title })).toBeVisible();
	await expect(section(colleague, 'Money')).toContainText('$825.00');

	await Promise.all([counter, colleague].map((page) => page.context().close()));
});

test('a bench jeweler sees the order without money or contact, and marks the stone set', async ({
	browser,
	baseURL
}) => {
	const bench = await openBoard(browser, baseURL!, 'bench');
	const card = bench.getByRole('listitem', { name: /Three-stone anniversary ring/ });
	await card.getByRole('heading').click();
	const panel = bench.getByRole('dialog');
	await expect(panel.getByRole('heading', { name: /Three-stone anniversary ring/ })).toBeVisible();
	await expect(section(panel, 'Money')).toHaveCount(0);
	await expect(panel).not.toContainText('$');
	await expect(panel).not.toContainText('555-0170');
	const stones = section(panel, 'Stones');
	await expect(stones.getByRole('button', { name: 'Add stone' })).toHaveCount(0);
	await stones.getByRole('combobox').first().selectOption('set');
	await expect(stones.getByRole('combobox').first()).toHaveValue('set');
	await bench.reload();
	await expect(section(bench, 'Stones').getByRole('combobox').first()).toHaveValue('set');
	await bench.context().close();
});
