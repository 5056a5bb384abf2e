import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { API, bodyOf, createOrder, moveOrder, unique } from './api-helpers';
import { contextAs } from './sign-in';
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

test('the JSON API names the wrong field, answers a manager 403, and sends a test ping signed', async ({
	request,
	browser,
	baseURL
}) => {
	const refused = async (data: Record<string, unknown>, field: string) => {
		const answer = await request.post(`${API}/webhooks`, { data });
		expect(answer.status(), JSON.stringify(data)).toBe(400);
		expect((await answer.json()).error.field).toBe(field);
	};
	const good = {
		url: receiver.url,
		allowPrivate: true,
		eventTypes: ['order.moved'],
		role: 'staff'
	};
	await refused({ ...good, url: 'ftp://files.example/in' }, 'url');
	await refused({ ...good, allowPrivate: false }, 'url');
	await refused({ ...good, eventTypes: ['order.moved', 'order.melted'] }, 'eventTypes[1]');
	await refused({ ...good, role: 'owner' }, 'role');
	await refused({ ...good, role: 'bench', eventTypes: ['payment.recorded'] }, 'eventTypes[0]');
	const manager = await contextAs(browser, baseURL!, 'manager');
	try {
		expect((await manager.request.get(`${API}/webhooks`)).status()).toBe(403);
		expect((await manager.request.post(`${API}/webhooks`, { data: good })).status()).toBe(403);
	} finally {
		await manager.close();
	}
	expect(await bodyOf<WebhookEndpoint[]>(await request.get(`${API}/webhooks`))).not.toContainEqual(
		expect.objectContaining({ url: receiver.url })
	);

	const created = await bodyOf<WebhookEndpoint & { secret: string }>(
		await request.post(`${API}/webhooks`, { data: good }),
		201
	);
	const { id } = await bodyOf<{ id: string }>(
		await request.post(`${API}/webhooks/${created.id}/test`),
		202
	);
	await expect
		.poll(async () => {
			const list = await bodyOf<{ id: string; status: string }[]>(
				await request.get(`${API}/webhooks/${created.id}/deliveries`)
			);
			return list.find((one) => one.id === id)?.status;
		})
		.toBe('delivered');
	const ping = receiver.received.find((one) => one.headers['webhook-id'] === id)!;
	expect(JSON.parse(ping.body).type).toBe('webhook.test');
	expect(
		verifySignature(created.secret, String(ping.headers['benchboard-signature']), ping.body)
	).toBe(true);
	// A new secret signs from now on; the old one no longer verifies a resend.
	const { secret } = await bodyOf<{ secret: string }>(
		await request.post(`${API}/webhooks/${created.id}/secret`)
	);
	expect(secret).not.toBe(created.secret);
	await bodyOf(await request.post(`${API}/webhooks/${created.id}/deliveries/${id}/resend`), 202);
	await expect
		.poll(() => receiver.received.filter((one) => one.headers['webhook-id'] === id).length)
		.toBe(2);
	const again = receiver.received.filter((one) => one.headers['webhook-id'] === id)[1];
	expect(again.body).toBe(ping.body);
	expect(verifySignature(secret, String(again.headers['benchboard-signature']), again.body)).toBe(
		true
	);
	expect(
		verifySignature(created.secret, String(again.headers['benchboard-signature']), again.body)
	).toBe(false);
});
