import { expect, test } from './fixtures';
import type { CardAnswer } from '../../src/lib/api/answers';
import { bodyOf } from './api-helpers';

/** The envelope's QR code, scanned signed out: the sign-in page names the order, and only that. */

const RUN = Date.now().toString(36);

test('signed out, the sign-in page reached from an order says which order it opens, and nothing else of it', async ({
	browser,
	request,
	baseURL
}) => {
	const card = (
		await bodyOf<CardAnswer>(
			await request.post('/api/v1/orders', {
				headers: { origin: baseURL! },
				data: {
					customer: { givenName: 'Hana', familyName: `Sato${RUN}`, phone: '555-0171' },
					title: `Secret proposal ring ${RUN}`,
					pieceType: 'engagement_ring'
				}
			}),
			201
		)
	).card;
	const visitor = await browser.newContext({ baseURL, storageState: undefined });
	const page = await visitor.newPage();

	await page.goto(`/orders/${card.id}`);
	await expect(page).toHaveURL(new RegExp(`/login\\?next=%2Forders%2F${card.id}$`));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		`Sign in to open order ${card.number}`
	);
	const text = await page.locator('body').innerText();
	expect(text).not.toContain(RUN);

	// Anything but an order's own page, or an order that is not there, is a plain sign-in.
	for (const next of [
		'/orders/99999999',
		`/orders/${card.id}/receipt`,
		`//evil.com/orders/${card.id}`,
		`/%5Corders/${card.id}`,
		'https://evil.com/orders/1'
	]) {
		await page.goto(`/login?next=${encodeURIComponent(next)}`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
	}

	// Signed in from there, the order opens.
	await page.goto(`/login?next=%2Forders%2F${card.id}`);
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Username').fill('elena');
	await page.getByLabel('Password').fill('demo-bench-pass');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(new RegExp(`/orders/${card.id}$`));
	await visitor.close();
});
