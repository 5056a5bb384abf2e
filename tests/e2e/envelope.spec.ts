import { expect, test, type APIRequestContext, type Page } from './fixtures';
import jsQR from 'jsqr';
import sharp from 'sharp';
import type { Order } from '../../src/lib/types';
import { contextAs } from './sign-in';
import type { CardAnswer, OrderAnswer } from '../../src/lib/api/answers';
import { bodyOf } from './api-helpers';

/**
 * The paper side of an order and the phone at the bench: the job envelope whose QR code opens the
 * order, one tap to move it on, and the release at the counter with its signed receipt.
 */

const API = '/api/v1';
const RUN = Date.now().toString(36);

/** A write with the signed-in context's cookie, sent as our own pages send it. */
const post = (request: APIRequestContext, baseURL: string, path: string, data: object) =>
	request.post(`${API}${path}`, { data, headers: { origin: baseURL } });

async function newOrder(request: APIRequestContext, baseURL: string, fields: object = {}) {
	return (
		await bodyOf<CardAnswer>(
			await post(request, baseURL, '/orders', {
				customer: { givenName: 'Olivia', familyName: `Bennett${RUN}`, phone: '555-0142' },
				title: `Sapphire halo ring ${RUN}`,
				pieceType: 'engagement_ring',
				...fields
			}),
			201
		)
	).card;
}

async function checkIn(request: APIRequestContext, baseURL: string, id: number) {
	return (
		await bodyOf<OrderAnswer>(
			await post(request, baseURL, `/orders/${id}/items`, {
				kind: 'jewelry',
				description: `Grandmother's gold band ${RUN}`,
				weight: 3.4,
				weightUnit: 'g'
			}),
			201
		)
	).order;
}

/** The order page's Stage fact (its move menu follows the stage's name). */
const stageShown = (page: Page, stage: string) =>
	page.getByRole('definition').filter({ hasText: new RegExp(`^\\s*${stage}`) });

test('the job envelope shows the order number and a QR code that opens the order; on paper the navigation is gone', async ({
	page,
	request,
	baseURL
}) => {
	const card = await newOrder(request, baseURL!, { metal: '14k white gold' });
	await checkIn(request, baseURL!, card.id);

	await page.goto(`/orders/${card.id}`);
	await page.getByRole('link', { name: 'Print envelope' }).click();
	await expect(page).toHaveURL(new RegExp(`/orders/${card.id}/envelope$`));

	await expect(page.getByRole('heading', { level: 1, name: card.number })).toBeVisible();
	const sheet = page.getByRole('main');
	await expect(sheet).toContainText('14k white gold');
	await expect(sheet).toContainText(`Grandmother's gold band ${RUN}`);
	// It travels through the workshop: the customer's first name and initial only.
	await expect(sheet).toContainText('Olivia B.');
	await expect(sheet).not.toContainText(`Bennett${RUN}`);

	const png = await page.getByRole('img', { name: /QR code/ }).screenshot();
	const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
	const code = jsQR(new Uint8ClampedArray(data), info.width, info.height);
	expect(code?.data).toBe(`${baseURL}/orders/${card.id}`);

	// The label size is the same envelope, smaller.
	await page.getByRole('link', { name: '4×6 label' }).click();
	await expect(page).toHaveURL(/\?size=4x6$/);
	await expect(page.getByRole('heading', { level: 1, name: card.number })).toBeVisible();

	const nav = page.getByRole('navigation', { name: 'Main' });
	await expect(nav).toBeVisible();
	await page.emulateMedia({ media: 'print' });
	await expect(nav).toBeHidden();
	await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
	await expect(page.getByRole('heading', { level: 1, name: card.number })).toBeVisible();
	await expect(page.getByRole('img', { name: /QR code/ })).toBeVisible();
});

test('scanning the code signed out goes through sign-in and back to the order, never to another site', async ({
	browser,
	request,
	baseURL
}) => {
	const card = await newOrder(request, baseURL!, { title: `Scanned ring ${RUN}` });
	const phone = await browser.newContext({
		baseURL,
		storageState: undefined,
		viewport: { width: 390, height: 844 }
	});
	const page = await phone.newPage();
	const signIn = async () => {
		// Typed before hydration, a field can be emptied again by it.
		await page.waitForLoadState('networkidle');
		await page.getByLabel('Username').fill('elena');
		await page.getByLabel('Password').fill('demo-bench-pass');
		await page.getByRole('button', { name: 'Sign in' }).click();
	};

	await page.goto(`/orders/${card.id}`);
	await expect(page).toHaveURL(new RegExp(`/login\\?next=%2Forders%2F${card.id}$`));
	await signIn();
	await expect(page).toHaveURL(new RegExp(`/orders/${card.id}$`));
	await expect(page.getByRole('heading', { level: 1, name: card.title })).toBeVisible();

	// A backslash reads as a slash in a browser ("/\evil.com" is another host): home instead.
	await phone.clearCookies();
	await page.goto('/login?next=%2F%5Cevil.com');
	await signIn();
	await expect(page).toHaveURL(`${baseURL}/`);
	await phone.close();
});

test('at the bench on a phone, one tap moves the order to the next stage', async ({
	browser,
	baseURL
}) => {
	const staff = await contextAs(browser, baseURL!, 'staff');
	const card = await newOrder(staff.request, baseURL!, { title: `Hammered band ${RUN}` });
	await staff.close();

	const bench = await contextAs(browser, baseURL!, 'bench', {
		viewport: { width: 390, height: 844 },
		hasTouch: true
	});
	const page = await bench.newPage();
	await page.goto(`/orders/${card.id}`);
	// The button must be live (hydrated) before it is tapped.
	await page.waitForLoadState('networkidle');
	await expect(stageShown(page, 'Intake')).toBeVisible();

	await page.getByRole('button', { name: 'Move to Design →' }).tap();
	await expect(stageShown(page, 'Design')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Move to Casting →' })).toBeVisible();
	await expect(page.getByText('Moved to Design.')).toBeVisible();

	const order = await bodyOf<Order>(await bench.request.get(`${API}/orders/${card.id}`));
	expect(order.stage).toBe('design');
	await bench.close();
});

test('a piece with a balance owed goes home only with a manager’s reason, and the receipt says so', async ({
	browser,
	request,
	baseURL
}) => {
	const card = await newOrder(request, baseURL!, {
		title: `Ruby remount ${RUN}`,
		quotedPriceCents: 120000
	});
	await bodyOf<OrderAnswer>(
		await post(request, baseURL!, `/orders/${card.id}/payments`, {
			kind: 'deposit',
			amountCents: 40000,
			method: 'card',
			paidOn: new Date().toISOString().slice(0, 10)
		}),
		201
	);
	const withItem = await checkIn(request, baseURL!, card.id);
	await bodyOf<CardAnswer>(
		await post(request, baseURL!, `/orders/${card.id}/move`, {
			stage: 'ready',
			afterId: null,
			version: withItem.version
		})
	);
	const item = new RegExp(`Handed back: Grandmother's gold band ${RUN}`);
	const dialogOf = (page: Page) =>
		page.getByRole('dialog', { name: `Release ${card.number} to the customer` });

	// Staff see what is owed and cannot let it go.
	const staff = await contextAs(browser, baseURL!, 'staff');
	const counter = await staff.newPage();
	await counter.goto(`/orders/${card.id}`);
	await counter.waitForLoadState('networkidle');
	await counter.getByRole('button', { name: 'Release to customer…' }).click();
	const refused = dialogOf(counter);
	await expect(refused).toContainText('Balance due $800.00');
	await expect(refused).toContainText('Take the payment first, or ask a manager to release it');
	await expect(refused.getByLabel('Why release it with a balance owed?')).toHaveCount(0);
	await refused.getByLabel(item).check();
	await expect(refused.getByRole('button', { name: `Release ${card.number}` })).toBeDisabled();
	await staff.close();

	// A manager gives the reason and confirms the item went back with the piece.
	const reason = `Paying the rest by bank transfer on Monday ${RUN}`;
	const manager = await contextAs(browser, baseURL!, 'manager');
	const page = await manager.newPage();
	await page.goto(`/orders/${card.id}`);
	await page.waitForLoadState('networkidle');
	await page.getByRole('button', { name: 'Release to customer…' }).click();
	const dialog = dialogOf(page);
	const confirm = dialog.getByRole('button', { name: `Release ${card.number}` });
	await expect(dialog).toContainText('Balance due $800.00');
	await expect(dialog).toContainText('Released by Morgan Lee');
	await expect(confirm).toBeDisabled();
	await dialog.getByLabel('Why release it with a balance owed?').fill(reason);
	await expect(confirm).toBeDisabled();
	await dialog.getByLabel(item).check();
	await expect(confirm).toBeEnabled();
	await confirm.click();

	await expect(dialog).toBeHidden();
	await expect(stageShown(page, 'Picked up')).toBeVisible();
	await expect(page.getByText(`${card.number} was released to Olivia Bennett${RUN}`)).toBeVisible();
	const order = await bodyOf<Order>(await request.get(`${API}/orders/${card.id}`));
	expect(order.stage).toBe('picked_up');
	expect(order.items.every((one) => one.returnedAt !== null)).toBe(true);

	await page.getByRole('link', { name: 'Print pickup receipt' }).click();
	await expect(page).toHaveURL(new RegExp(`/orders/${card.id}/receipt$`));
	const receipt = page.getByRole('main');
	await expect(receipt.getByRole('heading', { name: 'Pickup receipt' })).toBeVisible();
	await expect(receipt).toContainText(card.number);
	await expect(receipt).toContainText(`Olivia Bennett${RUN}`);
	await expect(receipt).toContainText(reason);
	await expect(receipt).toContainText('by Morgan Lee');
	await expect(receipt).toContainText('Released by Morgan Lee');
	await expect(receipt).toContainText(`Grandmother's gold band ${RUN}`);
	await expect(receipt).toContainText('$800.00');
	await manager.close();
});
