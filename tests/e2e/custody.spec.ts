import { expect, test, type Page } from './fixtures';
import sharp from 'sharp';
import { contextAs } from './sign-in';
import type { CardAnswer } from '../../src/lib/api/answers';
import { bodyOf } from './api-helpers';

/**
 * The customer's grandmother's ring, from the counter to the safe, the casting house and the bench:
 * every step on its trail with who and what it weighed, and a loss of weight flagged for all to see.
 * A bench jeweler can pass it on but neither take things in nor see what they are worth.
 */

const API = '/api/v1';
const RUN = Date.now().toString(36);
const RING = "Grandmother's ring, 14k yellow gold";

/** The order page, once it is live: the history is fetched by the page's own script. */
async function openOrder(page: Page, id: number) {
	await page.goto(`/orders/${id}`);
	await expect(page.getByRole('region', { name: /^History/ })).toContainText('created the order');
	return page.getByRole('region', { name: /^Customer's items/ });
}

test("staff check in the customer's ring and hand it on; the trail and a weight loss show; the bench sees no value", async ({
	request,
	browser,
	baseURL
}) => {
	const card = (
		await bodyOf<CardAnswer>(
			await request.post(`${API}/orders`, {
				data: {
					customer: { givenName: 'Ruth', familyName: `Adebayo ${RUN}`, phone: '555-0177' },
					title: `Remake of grandmother's ring ${RUN}`,
					pieceType: 'remount'
				}
			}),
			201
		)
	).card;

	const staff = await contextAs(browser, baseURL!, 'staff', {
		viewport: { width: 1280, height: 900 }
	});
	const page = await staff.newPage();
	const items = await openOrder(page, card.id);
	await expect(items).toContainText("Nothing of the customer's is in the store's care");

	// At the counter: weighed with the customer, a photo, into the safe.
	await items.getByRole('button', { name: 'Check in an item' }).click();
	const checkIn = items.getByRole('form', { name: 'Check in an item' });
	await checkIn.getByLabel('Kind').selectOption('jewelry');
	await checkIn.getByLabel('Description').fill(RING);
	await checkIn.getByLabel('Weight', { exact: true }).fill('4.21');
	await expect(checkIn.getByLabel('Unit')).toHaveValue('g');
	await checkIn.getByLabel('Declared value').fill('1,200');
	await checkIn.getByLabel('Goes to').selectOption('place');
	await checkIn.getByLabel('Place').fill('Safe');
	const photo = await sharp({
		create: { width: 640, height: 480, channels: 3, background: '#c9a45c' }
	})
		.jpeg()
		.toBuffer();
	await checkIn
		.locator('input[type=file]')
		.setInputFiles({ name: 'ring-front.jpg', mimeType: 'image/jpeg', buffer: photo });
	await expect(checkIn).toContainText('ring-front.jpg');
	await checkIn.getByRole('button', { name: 'Check in', exact: true }).click();
	await expect(checkIn).toHaveCount(0);

	const ring = items.getByRole('listitem').filter({ hasText: RING });
	await expect(ring).toContainText('Now in: Safe');
	await expect(ring).toContainText('4.21 g');
	await expect(ring).toContainText('declared value $1,200.00');
	await expect(items.getByRole('heading', { level: 2 })).toHaveText(/Customer's items\s*1$/);
	await expect(ring.getByRole('img', { name: new RegExp(`^${RING}`) })).toBeVisible();

	// To the casting house, weighed as it leaves.
	await ring.getByRole('button', { name: /^Hand off/ }).click();
	let handoff = ring.getByRole('form', { name: /^Hand off/ });
	await handoff.getByLabel('Hand to').selectOption('vendor');
	await handoff.getByLabel('Vendor').selectOption({ label: 'Pacific Casting House' });
	await handoff.getByLabel('Weight (g)').fill('4.20');
	await handoff.getByRole('button', { name: 'Hand off', exact: true }).click();
	await expect(ring).toContainText('Now with: Pacific Casting House');

	// Back, and on to the bench, 0.18 g lighter.
	await ring.getByRole('button', { name: /^Hand off/ }).click();
	handoff = ring.getByRole('form', { name: /^Hand off/ });
	await handoff.getByLabel('Hand to').selectOption('person');
	await handoff.getByLabel('Person').selectOption({ label: 'Elena Novak' });
	await handoff.getByLabel('Weight (g)').fill('4.02');
	await handoff.getByLabel('Note').fill('Back from casting, for sizing');
	await handoff.getByRole('button', { name: 'Hand off', exact: true }).click();
	await expect(handoff).toHaveCount(0);
	await expect(ring).toContainText('Now with: Elena Novak');

	const steps = ring.getByRole('list', { name: 'Trail' }).getByRole('listitem');
	await expect(steps).toHaveCount(3);
	await expect(steps.nth(0)).toContainText('The customer → Safe');
	await expect(steps.nth(0)).toContainText('4.21 g');
	await expect(steps.nth(0)).toContainText('by Sam Ortiz');
	await expect(steps.nth(1)).toContainText('Safe → Pacific Casting House');
	await expect(steps.nth(1)).toContainText('4.20 g');
	await expect(steps.nth(2)).toContainText('Pacific Casting House → Elena Novak');
	await expect(steps.nth(2)).toContainText('4.02 g');
	await expect(steps.nth(2)).toContainText('Back from casting, for sizing');
	await expect(ring.getByText('Weight changed: 4.20 g → 4.02 g (\u22120.18 g)')).toBeVisible();
	await staff.close();

	// At the bench: the ring and its trail, no value; it can be passed on, nothing taken in.
	const bench = await contextAs(browser, baseURL!, 'bench', {
		viewport: { width: 1280, height: 900 }
	});
	const benchPage = await bench.newPage();
	const benchItems = await openOrder(benchPage, card.id);
	const benchRing = benchItems.getByRole('listitem').filter({ hasText: RING });
	await expect(benchRing).toContainText('Now with: Elena Novak');
	await expect(benchRing.getByText(/Weight changed: 4\.20 g → 4\.02 g/)).toBeVisible();
	await expect(benchRing.getByRole('list', { name: 'Trail' }).getByRole('listitem')).toHaveCount(3);
	await expect(benchItems).not.toContainText('declared value');
	await expect(benchItems).not.toContainText('$');
	await expect(benchRing.getByRole('button', { name: /^Hand off/ })).toBeVisible();
	await expect(benchRing.getByRole('button', { name: /^Return/ })).toHaveCount(0);
	await expect(benchItems.getByRole('button', { name: 'Check in an item' })).toHaveCount(0);
	await bench.close();
});
