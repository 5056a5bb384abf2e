import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { API, bodyOf, createOrder, moveOrder, unique } from './api-helpers';
import { startReceiver } from '../helpers/webhook-receiver';
import { verifySignature } from '../../src/lib/server/webhooks/sign';
import type { WebhookEndpoint } from '../../src/lib/webhooks';

/**
 * Webhooks (issue #22): the owner adds an endpoint in Settings → Webhooks, an order moves to Ready,
 * and the page shows its delivery as delivered, with the receiver's answer; the receiver got it
 * signed with the secret the page showed once.
 */

let receiver: Awaited<ReturnType<typeof startReceiver>>;
test.beforeAll(async () => {
	receiver = await startReceiver();
});
test.afterEach(async ({ request }) => {
	// The shared server's other specs move orders to Ready too: this endpoint hears none of them.
	const endpoints = await bodyOf<WebhookEndpoint[]>(await request.get(`${API}/webhooks`));
	for (const endpoint of endpoints.filter((one) => one.url.startsWith(receiver.url)))
		await bodyOf(await request.delete(`${API}/webhooks/${endpoint.id}`));
});
test.afterAll(async () => {
	await receiver?.close();
});

for (const viewport of [
	{ name: 'desktop', width: 1600, height: 1000 },
	{ name: 'phone', width: 390, height: 844 }
]) {
	test(`the owner adds an endpoint and sees an order's ready delivery arrive (${viewport.name})`, async ({
		page,
		request
	}) => {
		await page.setViewportSize(viewport);
		await page.goto('/settings');
		await page.getByRole('link', { name: 'Manage webhooks' }).click();
		await expect(page.getByRole('heading', { name: 'Webhooks', level: 1 })).toBeVisible();

		const description = unique('Point of sale');
		await page.getByLabel('URL').fill(receiver.url);
		await page.getByLabel('Description').fill(description);
		await expect(page.getByRole('checkbox', { name: /Ready for pickup/ })).toBeChecked();
		await page.getByLabel('Payloads show what this role may see').selectOption('staff');
		// A receiver on this machine, over http: refused until the owner allows private addresses,
		// with what was typed kept.
		await page.getByRole('button', { name: 'Add endpoint' }).click();
		await expect(page.getByRole('alert')).toContainText('url must use https');
		await expect(page.getByLabel('URL')).toHaveValue(receiver.url);
		await page.getByLabel(/Allow private and loopback addresses/).check();
		await expect(page.getByRole('note')).toContainText('shop’s own network');
		await page.getByRole('button', { name: 'Add endpoint' }).click();

		const card = page.getByRole('article', { name: description });
		await expect(card).toBeVisible();
		const secret = (await card.locator('code.secret').textContent())!.trim();
		expect(secret).toMatch(/^whsec_/);
		await expect(card.getByText('None yet.')).toBeVisible();

		const order = await createOrder(request);
		await moveOrder(request, order, 'ready', null);

		const row = card.locator('tbody tr', { hasText: order.number });
		// The page looks for new deliveries every 10 s, then follows one on its way every 3 s.
		await expect(row).toContainText('Ready for pickup', { timeout: 15_000 });
		await expect(row).toContainText('Delivered', { timeout: 15_000 });
		await expect(row).toContainText('200');

		const got = receiver.received.find((one) => one.body.includes(`"number":"${order.number}"`));
		expect(got).toBeDefined();
		expect(verifySignature(secret, String(got!.headers['benchboard-signature']), got!.body)).toBe(
			true
		);

		const { violations } = await new AxeBuilder({ page })
			.include('main')
			.withTags(['wcag2a', 'wcag2aa'])
			.analyze();
		expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual(
			[]
		);
		await page.screenshot({ path: `test-results/webhooks-${viewport.name}.png`, fullPage: true });
	});
}
