import { expect, test, type Page } from './fixtures';
import { contextAs } from './sign-in';
import type { CardAnswer, OrderAnswer } from '../../src/lib/api/answers';
import { bodyOf } from './api-helpers';

/**
 * An order's history on its page: what happened, who did it, in words; a bench jeweler reads the
 * same story without the money.
 */

const API = '/api/v1';
const RUN = Date.now().toString(36);

const historyOf = (page: Page) => page.getByRole('region', { name: /^History/ });

test('the order page tells its history in sentences, and a bench jeweler sees no amounts', async ({
	request,
	browser,
	baseURL
}) => {
	// As the owner (the project's default sign-in): a new order, moved, rescheduled, a deposit.
	const card = (
		await bodyOf<CardAnswer>(
			await request.post(`${API}/orders`, {
				data: {
					customer: { givenName: 'Harper', familyName: `Quinn ${RUN}`, phone: '555-0164' },
					title: `Pear halo pendant ${RUN}`,
					pieceType: 'pendant',
					quotedPriceCents: 560000
				}
			}),
			201
		)
	).card;
	const moved = (
		await bodyOf<CardAnswer>(
			await request.post(`${API}/orders/${card.id}/move`, {
				data: { stage: 'design', afterId: null, version: card.version }
			})
		)
	).card;
	await bodyOf<OrderAnswer>(
		await request.patch(`${API}/orders/${card.id}`, {
			data: { version: moved.version, dueDate: '2027-02-12' }
		})
	);
	await bodyOf<OrderAnswer>(
		await request.post(`${API}/orders/${card.id}/payments`, {
			data: { kind: 'deposit', amountCents: 280000, method: 'card' }
		}),
		201
	);

	const owner = await contextAs(browser, baseURL!, 'owner');
	const page = await owner.newPage();
	await page.goto(`/orders/${card.id}`);
	const history = historyOf(page);
	await expect(history).toContainText('Avery Stone created the order');
	await expect(history).toContainText('Avery Stone moved it from Intake to Design');
	await expect(history).toContainText(/Avery Stone set the due date to Fri, Feb 12/);
	await expect(history).toContainText('Avery Stone recorded a deposit of $2,800.00 (card)');
	// Newest first.
	await expect(history.getByRole('listitem').first()).toContainText('recorded a deposit');

	// A chip shows one kind only.
	await history.getByRole('button', { name: 'Stage', exact: true }).click();
	await expect(history.getByRole('listitem')).toHaveCount(1);
	await expect(history).not.toContainText('recorded a deposit');
	await history.getByRole('button', { name: 'All', exact: true }).click();

	// A change from elsewhere appears without a reload.
	await bodyOf<OrderAnswer>(
		await request.post(`${API}/orders/${card.id}/blockers`, {
			data: { description: 'Pear diamond on memo from dealer' }
		}),
		201
	);
	await expect(history).toContainText('added a blocker: Pear diamond on memo from dealer');
	await owner.close();

	const bench = await contextAs(browser, baseURL!, 'bench');
	const benchPage = await bench.newPage();
	await benchPage.goto(`/orders/${card.id}`);
	const benchHistory = historyOf(benchPage);
	await expect(benchHistory).toContainText('Avery Stone recorded a payment');
	await expect(benchHistory).toContainText('Avery Stone moved it from Intake to Design');
	await expect(benchHistory).not.toContainText('$');
	await expect(benchHistory).not.toContainText('2,800');
	await bench.close();
});
