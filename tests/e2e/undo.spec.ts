import { expect, test, type APIRequestContext, type Browser, type Page } from './fixtures';
import { contextAs } from './sign-in';
import type { CardAnswer } from '../../src/lib/api/answers';

/**
 * A move or an edit made by mistake is taken back at once: the notice that says it was done offers
 * Undo, and every screen follows the undo as it followed the change.
 */

const RUN = Date.now().toString(36);

async function newOrder(request: APIRequestContext, baseURL: string, title: string) {
	const created = await request.post('/api/v1/orders', {
		headers: { origin: baseURL },
		data: { customer: { givenName: 'Nadia', familyName: `Okoro ${RUN}` }, title: `${title} ${RUN}` }
	});
	expect(created.status(), await created.text()).toBe(201);
	return ((await created.json()) as CardAnswer).card;
}

async function signedIn(browser: Browser, baseURL: string, who: 'staff' | 'manager') {
	const context = await contextAs(browser, baseURL, who, {
		viewport: { width: 1440, height: 900 }
	});
	return context.newPage();
}

async function openBoard(page: Page) {
	await page.goto('/');
	await expect(page.getByText('Live', { exact: true })).toBeVisible();
}

const cardIn = (page: Page, stage: string, number: string) =>
	page
		.getByRole('list', { name: stage, exact: true })
		.getByRole('listitem', { name: new RegExp(`^${number}:`) });

test('a card moved by mistake on the board goes back with Undo, on every screen, and the history tells both', async ({
	browser,
	baseURL
}) => {
	const staff = await signedIn(browser, baseURL!, 'staff');
	const order = await newOrder(staff.context().request, baseURL!, 'Sapphire halo ring');
	const colleague = await signedIn(browser, baseURL!, 'manager');
	await openBoard(staff);
	await openBoard(colleague);
	await expect(cardIn(colleague, 'Intake', order.number)).toBeVisible();

	await cardIn(staff, 'Intake', order.number)
		.getByRole('button', { name: `Move ${order.number}` })
		.click();
	await staff.getByRole('menuitem', { name: 'To Design' }).click();
	await expect(cardIn(colleague, 'Design', order.number)).toBeVisible();

	const moved = staff.getByRole('status').filter({ hasText: `Moved ${order.number} to Design.` });
	await moved.getByRole('button', { name: 'Undo' }).click();
	await expect(
		staff.getByRole('status').filter({ hasText: `${order.number} is back in Intake.` })
	).toBeVisible();
	for (const page of [staff, colleague]) {
		await expect(cardIn(page, 'Intake', order.number)).toBeVisible();
		await expect(cardIn(page, 'Design', order.number)).toHaveCount(0);
	}

	await staff.goto(`/orders/${order.id}`);
	const history = staff.getByRole('region', { name: /^History/ });
	await expect(history).toContainText('Sam Ortiz moved it from Intake to Design');
	await expect(history).toContainText('Sam Ortiz undid their move: back to Intake');
	await expect(history.getByRole('listitem').first()).toContainText('undid their move');
	// An undo is not undone in turn: the newest entry offers nothing.
	await expect(history.getByRole('button', { name: 'Undo' })).toHaveCount(0);
	await Promise.all([staff, colleague].map((page) => page.context().close()));
});

test('an edit saved on the order page goes back with Undo', async ({ browser, baseURL }) => {
	const page = await signedIn(browser, baseURL!, 'staff');
	const order = await newOrder(page.context().request, baseURL!, 'Emerald signet');
	const changed = `Emerald signet, oval ${RUN}`;
	await page.goto(`/orders/${order.id}`);
	const title = page.getByRole('heading', { level: 1 });
	await expect(title).toHaveText(order.title);
	// The history loads in the browser: once it shows, the page is live.
	const history = page.getByRole('region', { name: /^History/ });
	await expect(history).toContainText('created the order');

	await page.getByRole('button', { name: 'Edit', exact: true }).first().click();
	await page.getByLabel('Title', { exact: true }).fill(changed);
	await page.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(title).toHaveText(changed);

	const saved = page.getByRole('status').filter({ hasText: 'Saved.' });
	await saved.getByRole('button', { name: 'Undo' }).click();
	await expect(title).toHaveText(order.title);
	await expect(page.getByRole('status').filter({ hasText: 'Undone' })).toBeVisible();
	await expect(history).toContainText(`Sam Ortiz undid their edit: title back to “${order.title}”`);

	await page.reload();
	await expect(title).toHaveText(order.title);
	await page.context().close();
});
