import { expect, test, type Locator, type Page } from './fixtures';
import type { CardAnswer } from '../../src/lib/api/answers';
import { bodyOf } from './api-helpers';
import { contextAs } from './sign-in';

/**
 * A bench jeweler with a phone in one hand: moves the order on, scrolls to the customer's ring and
 * hands it to a colleague. What the page says about it never sits over what they scrolled to, and
 * the hand-off says plainly who has the ring now.
 */

const API = '/api/v1';
const RUN = Date.now().toString(36);
const RING = `Customer's platinum band ${RUN}`;

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

/** The part of a box inside the screen, or null when it is off the screen. */
async function onScreen(page: Page, locator: Locator) {
	const box = await locator.boundingBox();
	const height = page.viewportSize()!.height;
	if (!box || box.y + box.height <= 0 || box.y >= height) return null;
	return box;
}

function overlap(
	a: { x: number; y: number; width: number; height: number },
	b: { x: number; y: number; width: number; height: number }
) {
	return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

test('on a phone, the "Moved to" notice covers nothing scrolled to, and a hand-off confirms who has the item', async ({
	browser,
	baseURL
}) => {
	const staff = await contextAs(browser, baseURL!, 'staff');
	const headers = { origin: baseURL! };
	const card = (
		await bodyOf<CardAnswer>(
			await staff.request.post(`${API}/orders`, {
				headers,
				data: {
					customer: { givenName: 'Priya', familyName: `Raman ${RUN}`, phone: '555-0163' },
					title: `Band resize ${RUN}`,
					pieceType: 'repair'
				}
			}),
			201
		)
	).card;
	await bodyOf(
		await staff.request.post(`${API}/orders/${card.id}/items`, {
			headers,
			data: { kind: 'jewelry', description: RING, weight: 5.1, weightUnit: 'g' }
		}),
		201
	);
	await staff.close();

	const bench = await contextAs(browser, baseURL!, 'bench', {
		viewport: { width: 390, height: 844 },
		hasTouch: true
	});
	const page = await bench.newPage();
	await page.goto(`/orders/${card.id}`);
	const history = page.getByRole('region', { name: /^History/ });
	await expect(history).toContainText('created the order');

	await page.getByRole('button', { name: 'Move to Design →' }).tap();
	const moved = page.getByRole('status').filter({ hasText: 'Moved to Design.' });
	await expect(moved).toBeVisible();
	await expect(moved.getByRole('button', { name: 'Undo' })).toBeVisible();

	// Down to the customer's ring, as a thumb would: nothing of the notice is over it.
	await page.getByRole('link', { name: 'Record a hand-off' }).tap();
	const items = page.getByRole('region', { name: /^Customer's items/ });
	const ring = items.getByRole('listitem').filter({ hasText: RING });
	await expect(items.getByRole('heading', { level: 2 })).toBeInViewport();
	await page.waitForTimeout(600);
	const notice = await onScreen(page, moved);
	for (const part of [items.getByRole('heading', { level: 2 }), ring]) {
		const box = await onScreen(page, part);
		if (notice && box) expect(overlap(notice, box), 'the notice covers the items').toBe(false);
	}
	// Scrolled further, the same.
	await history.scrollIntoViewIfNeeded();
	const later = await onScreen(page, moved);
	const historyBox = await onScreen(page, history);
	if (later && historyBox) expect(overlap(later, historyBox)).toBe(false);
	// The move can still be taken back from the history while its window lasts.
	await expect(history.getByRole('button', { name: 'Undo' })).toBeVisible();

	// The hand-off: a confirmation naming who has the ring now, for eyes and screen readers.
	await ring.scrollIntoViewIfNeeded();
	await ring.getByRole('button', { name: /^Hand off/ }).tap();
	const form = ring.getByRole('form', { name: /^Hand off/ });
	await form.getByLabel('Hand to').selectOption('person');
	await form.getByLabel('Person').selectOption({ label: 'Morgan Lee' });
	await form.getByRole('button', { name: 'Hand off', exact: true }).tap();
	await expect(form).toHaveCount(0);
	const confirmation = ring.getByRole('status');
	await expect(confirmation).toHaveText(/Handed to Morgan Lee at \d{1,2}:\d{2}/);
	await expect(confirmation).toBeInViewport();
	await expect(ring).toContainText('Now with: Morgan Lee');

	await page.screenshot({ path: 'test-results/bench-phone.png' });
	await bench.close();
});
