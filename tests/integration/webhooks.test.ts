import crypto from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DomainError } from '../../src/lib/server/errors';
import type { Actor } from '../../src/lib/server/events';
import { createOrder, moveOrder } from '../../src/lib/server/orders';
import { recordPayment } from '../../src/lib/server/payments';
import type { StartedServices } from '../../src/lib/server/start';
import type { Resolver } from '../../src/lib/server/webhooks/addresses';
import { listDeliveries, resendDelivery } from '../../src/lib/server/webhooks/deliveries';
import {
	createEndpoint,
	rotateSecret,
	updateEndpoint
} from '../../src/lib/server/webhooks/endpoints';
import { listSettingsChanges } from '../../src/lib/server/settings-trail';
import { WebhookWorker, type WebhookWorkerOptions } from '../../src/lib/server/webhooks/worker';
import { backends, createTestDatabase, startProcess } from '../helpers/services';
import { until } from '../helpers/until';
import { startReceiver } from '../helpers/webhook-receiver';

/** The receiver's check exactly as docs/api.md writes it, run as a partner would copy it. */
function documentedVerifier(): (secret: string, header: string, body: string) => boolean {
	const docs = fs.readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
	const block = /<!-- verify-example[^>]*-->\s*```js\n([\s\S]*?)```/.exec(docs);
	if (!block) throw new Error('docs/api.md has no verification example');
	const code = block[1].replace(/^import crypto from 'node:crypto';$/m, '');
	return new Function('crypto', `${code}\nreturn verifyBenchboardWebhook;`)(crypto);
}

/** A DNS that says what the test wants: a public address when saved, maybe loopback later. */
const dnsSaying =
	(answer: { address: string }): Resolver =>
	async () => [{ address: answer.address, family: answer.address.includes(':') ? 6 : 4 }];

async function refusal(work: Promise<unknown>): Promise<{ status: number; field?: string }> {
	try {
		await work;
	} catch (error) {
		if (error instanceof DomainError) return { status: error.status, field: error.details.field };
		throw error;
	}
	throw new Error('expected a refusal');
}

describe.each(backends)('signed webhooks on $name', (backend) => {
	let services: StartedServices;
	let receiver: Awaited<ReturnType<typeof startReceiver>>;
	let owner: Actor;
	let staff: Actor;

	beforeAll(async () => {
		receiver = await startReceiver();
		services = await backend.start({ publicUrl: 'https://shop.example' });
		for (const [role, name] of [
			['owner', 'Ingrid Lindqvist'],
			['staff', 'Sam Ortiz']
		] as const) {
			const [user] = await services.db.sql<{ id: number }[]>`
				insert into users (username, display_name, role) values (${role}, ${name}, ${role})
				returning id`;
			if (role === 'owner') owner = { id: user.id, name, role };
			else staff = { id: user.id, name, role };
		}
	});
	afterAll(async () => {
		await services?.stop();
		await receiver?.close();
	});
	beforeEach(async () => {
		receiver.reset();
		// Each test its own endpoints: none of another test's gets this one's events.
		await services.db.sql`delete from webhook_endpoints`;
	});

	const worker = (options: WebhookWorkerOptions = {}) =>
		new WebhookWorker(services, { pollMs: 60_000, retryBaseMs: 50, timeoutMs: 2000, ...options });
	const deliverAll = async (one = worker()) => {
		while ((await one.deliverDue()) > 0);
	};

	const endpoint = (extra: Record<string, unknown> = {}) =>
		createEndpoint(services, owner, {
			url: receiver.url,
			allowPrivate: true,
			eventTypes: ['order.ready_for_pickup'],
			role: 'staff',
			...extra
		});

	async function newOrder(email = 'olivia@customer-mail.net') {
		return (
			await createOrder(services, staff, {
				customer: { givenName: 'Olivia', familyName: 'Bennett', email },
				title: 'Oval solitaire, 14k yellow gold',
				pieceType: 'engagement_ring',
				quotedPriceCents: 250000
			})
		).card;
	}
	const toReady = (order: { id: number; version: number }) =>
		moveOrder(services, staff, order.id, { stage: 'ready', afterId: null, version: order.version });

	const deliveries = (endpointId: number) => listDeliveries(services, owner, endpointId);

	it('posts a signed delivery when an order is moved to Ready, which the documented code verifies', async () => {
		const hook = await endpoint({ eventTypes: ['order.ready_for_pickup', 'order.moved'] });
		expect(hook.secret).toMatch(/^whsec_[\w-]{43}$/);
		const order = await newOrder();
		await toReady(order);
		const [moved, ready] = (await deliveries(hook.id)).sort((a, b) =>
			a.eventType.localeCompare(b.eventType)
		);
		expect(ready).toMatchObject({ eventType: 'order.ready_for_pickup', status: 'pending' });
		expect(moved).toMatchObject({ eventType: 'order.moved', status: 'pending' });

		await deliverAll();
		expect(receiver.received).toHaveLength(2);
		const got = receiver.received.find(
			(one) => one.headers['benchboard-event'] === 'order.ready_for_pickup'
		)!;
		const verify = documentedVerifier();
		expect(verify(hook.secret, String(got.headers['benchboard-signature']), got.body)).toBe(true);
		// Any change to the body, or another secret, and it does not verify.
		expect(verify(hook.secret, String(got.headers['benchboard-signature']), got.body + ' ')).toBe(
			false
		);
		expect(verify('whsec_another', String(got.headers['benchboard-signature']), got.body)).toBe(
			false
		);
		// The replay window: the same signature made ten minutes ago is refused.
		const old = Math.floor(Date.now() / 1000) - 600;
		const oldSignature = crypto
			.createHmac('sha256', hook.secret)
			.update(`${old}.${got.body}`)
			.digest('hex');
		expect(verify(hook.secret, `t=${old},v1=${oldSignature}`, got.body)).toBe(false);

		const body = JSON.parse(got.body);
		expect(got.headers['webhook-id']).toBe(body.id);
		expect(body).toMatchObject({
			type: 'order.ready_for_pickup',
			actor: 'Sam Ortiz',
			data: {
				order: {
					id: order.id,
					number: order.number,
					stage: 'ready',
					url: `https://shop.example/orders/${order.id}`
				},
				change: { from: 'intake', to: 'ready' },
				customer: { givenName: 'Olivia', email: 'olivia@customer-mail.net' }
			}
		});
		const after = await deliveries(hook.id);
		expect(after.map((one) => [one.status, one.attempts, one.lastStatusCode])).toEqual([
			['delivered', 1, 200],
			['delivered', 1, 200]
		]);
	});

	it('sends a delivery again, with the same id, when a worker dies after sending and before recording it', async () => {
		const hook = await endpoint();
		await toReady(await newOrder());
		const crashing = worker({
			leaseMs: 2100,
			afterSent: () => {
				throw new Error('the process died here');
			}
		});
		await expect(crashing.deliverDue()).rejects.toThrow('the process died here');
		expect(receiver.received).toHaveLength(1);
		const [claimed] = await deliveries(hook.id);
		expect(claimed).toMatchObject({ status: 'sending', attempts: 1 });
		// Another process finds nothing to do while the claim lasts...
		expect(await worker({ leaseMs: 2100 }).deliverDue()).toBe(0);
		// ...and sends it once the claim has run out.
		await services.db
			.sql`update webhook_deliveries set next_attempt_at = now() where id = ${claimed.id}`;
		await deliverAll(worker({ leaseMs: 2100 }));
		expect(receiver.received).toHaveLength(2);
		expect(receiver.received[1].headers['webhook-id']).toBe(claimed.id);
		expect(receiver.received[1].body).toBe(receiver.received[0].body);
		const [done] = await deliveries(hook.id);
		expect(done).toMatchObject({ id: claimed.id, status: 'delivered', attempts: 2 });
	});

	it('retries a 500 after a doubling wait, then records the success', async () => {
		const hook = await endpoint();
		receiver.answer(500, 503);
		await toReady(await newOrder());
		const retrying = worker({ retryBaseMs: 400 });
		expect(await retrying.deliverDue()).toBe(1);
		let [delivery] = await deliveries(hook.id);
		expect(delivery).toMatchObject({
			status: 'retrying',
			attempts: 1,
			lastStatusCode: 500,
			lastError: 'answered 500',
			lastResponse: 'trouble 500'
		});
		const firstWait = Date.parse(delivery.nextAttemptAt!) - Date.parse(delivery.lastAttemptAt!);
		expect(firstWait).toBeGreaterThanOrEqual(350);
		expect(firstWait).toBeLessThan(1000);
		// Not due yet: nothing is sent before the wait is over.
		expect(await retrying.deliverDue()).toBe(0);
		await new Promise((resolve) => setTimeout(resolve, firstWait + 50));
		expect(await retrying.deliverDue()).toBe(1);
		[delivery] = await deliveries(hook.id);
		expect(delivery).toMatchObject({ status: 'retrying', attempts: 2, lastStatusCode: 503 });
		const secondWait = Date.parse(delivery.nextAttemptAt!) - Date.parse(delivery.lastAttemptAt!);
		expect(secondWait).toBeGreaterThanOrEqual(750);
		await services.db.sql`update webhook_deliveries set next_attempt_at = now()`;
		await deliverAll(retrying);
		[delivery] = await deliveries(hook.id);
		expect(delivery).toMatchObject({ status: 'delivered', attempts: 3, lastStatusCode: 200 });
		expect(new Set(receiver.received.map((one) => one.headers['webhook-id']))).toEqual(
			new Set([delivery.id])
		);
	});

	it('marks a delivery failed after its last attempt, and a resend sends it once more', async () => {
		const hook = await endpoint();
		receiver.answer(500, 500);
		await toReady(await newOrder());
		const limited = worker({ maxAttempts: 2, retryBaseMs: 1 });
		await deliverAll(limited);
		await new Promise((resolve) => setTimeout(resolve, 20));
		await deliverAll(limited);
		let [delivery] = await deliveries(hook.id);
		expect(delivery).toMatchObject({ status: 'failed', attempts: 2, lastStatusCode: 500 });
		await resendDelivery(services, owner, hook.id, delivery.id);
		await deliverAll(limited);
		[delivery] = await deliveries(hook.id);
		expect(delivery).toMatchObject({ status: 'delivered', attempts: 3, lastStatusCode: 200 });
		expect(receiver.received.map((one) => one.headers['webhook-id'])).toEqual([
			delivery.id,
			delivery.id,
			delivery.id
		]);
	});

	it('does not follow a redirect', async () => {
		const hook = await endpoint();
		receiver.answer(302);
		await toReady(await newOrder());
		await worker().deliverDue();
		const [delivery] = await deliveries(hook.id);
		expect(delivery).toMatchObject({
			status: 'retrying',
			lastStatusCode: 302,
			lastError: 'answered 302 (redirects are not followed)'
		});
	});

	it('looks for deliveries at once after an event that brought some, and not after one that brought none', async () => {
		const running = worker();
		const looked = vi.spyOn(running, 'deliverDue');
		running.start();
		try {
			// Its first look, at start, finds nothing.
			expect(await looked.mock.results[0].value).toBe(0);
			looked.mockClear();
			// No endpoint wants a move: the move brings no delivery, and the worker does not look.
			const order = await newOrder();
			const moved = await moveOrder(services, staff, order.id, {
				stage: 'design',
				afterId: null,
				version: order.version
			});
			await new Promise((resolve) => setTimeout(resolve, 100));
			expect(looked).not.toHaveBeenCalled();
			// One does now: the next move's delivery goes out at once, long before the next poll.
			const hook = await endpoint({ eventTypes: ['order.moved'] });
			await moveOrder(services, staff, order.id, {
				stage: 'casting',
				afterId: null,
				version: moved.card.version
			});
			await until(() => receiver.received.length === 1, 'the delivery of the second move');
			expect((await deliveries(hook.id)).map((one) => one.status)).toEqual(['delivered']);
		} finally {
			await running.stop();
		}
	});

	it('writes no delivery for a command that rolls back', async () => {
		const hook = await endpoint({ eventTypes: ['order.created'] });
		// The order and its order.created event are written, then a stone names no vendor: all of it
		// rolls back, the delivery too.
		const refused = await refusal(
			createOrder(services, staff, {
				customer: { givenName: 'Maya', familyName: 'Fischer' },
				title: 'Signet ring',
				stones: [{ role: 'center', source: 'store', gem: 'sapphire', vendorId: 999_999 }]
			})
		);
		expect(refused).toEqual({ status: 400, field: 'stones[0].vendorId' });
		expect(await deliveries(hook.id)).toEqual([]);
		// The same command done right writes its delivery.
		await createOrder(services, staff, {
			customer: { givenName: 'Maya', familyName: 'Fischer' },
			title: 'Signet ring'
		});
		expect(await deliveries(hook.id)).toHaveLength(1);
	});

	it('refuses loopback and private addresses at save time unless the owner allows them', async () => {
		for (const url of [
			'https://127.0.0.1/hook',
			'https://10.20.30.40/hook',
			'https://[::1]/hook',
			'https://[::ffff:127.0.0.1]/hook',
			'https://169.254.169.254/latest/meta-data',
			'https://100.64.0.1/hook',
			'https://[fd00::1]/hook',
			'https://localhost/hook'
		]) {
			expect(await refusal(endpoint({ url, allowPrivate: false })), url).toEqual({
				status: 400,
				field: 'url'
			});
		}
		// A name is judged by what it resolves to.
		expect(
			await refusal(
				createEndpoint(
					services,
					owner,
					{ url: 'https://hooks.partner.example/in', eventTypes: ['order.moved'], role: 'staff' },
					dnsSaying({ address: '192.168.1.20' })
				)
			)
		).toEqual({ status: 400, field: 'url' });
		// http is for private receivers only.
		expect(
			await refusal(
				createEndpoint(
					services,
					owner,
					{ url: 'http://hooks.partner.example/in', eventTypes: ['order.moved'], role: 'staff' },
					dnsSaying({ address: '93.184.216.34' })
				)
			)
		).toEqual({ status: 400, field: 'url' });
		const allowed = await endpoint({ url: 'https://127.0.0.1/hook', allowPrivate: true });
		expect(allowed).toMatchObject({ url: 'https://127.0.0.1/hook', allowPrivate: true });
		// Turning the allowance off again is refused for such an address.
		expect(
			await refusal(updateEndpoint(services, owner, allowed.id, { allowPrivate: false }))
		).toEqual({ status: 400, field: 'url' });
		const public_ = await createEndpoint(
			services,
			owner,
			{ url: 'https://hooks.partner.example/in', eventTypes: ['order.moved'], role: 'staff' },
			dnsSaying({ address: '93.184.216.34' })
		);
		expect(public_.url).toBe('https://hooks.partner.example/in');
	});

	it('refuses at delivery time a name that has come to resolve to loopback', async () => {
		// Saved while the name resolved to a public address.
		const hook = await createEndpoint(
			services,
			owner,
			{
				url: 'https://hooks.partner.example/in',
				eventTypes: ['order.ready_for_pickup'],
				role: 'staff'
			},
			dnsSaying({ address: '93.184.216.34' })
		);
		await toReady(await newOrder());
		await worker({ resolve: dnsSaying({ address: '127.0.0.1' }) }).deliverDue();
		const [delivery] = await deliveries(hook.id);
		expect(delivery.status).toBe('retrying');
		expect(delivery.lastError).toMatch(/private, loopback/);
		expect(delivery.lastStatusCode).toBeNull();
		expect(receiver.received).toEqual([]);
	});

	it('gives a bench endpoint no money and no contact details, and refuses it payments', async () => {
		const bench = await endpoint({
			eventTypes: ['order.created', 'order.ready_for_pickup'],
			role: 'bench'
		});
		const manager = await endpoint({
			eventTypes: ['order.ready_for_pickup', 'payment.recorded'],
			role: 'manager'
		});
		expect(
			await refusal(endpoint({ eventTypes: ['order.moved', 'payment.recorded'], role: 'bench' }))
		).toEqual({ status: 400, field: 'eventTypes[1]' });
		const order = await newOrder('maya.fischer@customer-mail.net');
		await recordPayment(services, staff, order.id, {
			kind: 'deposit',
			amountCents: 123456,
			method: 'card'
		});
		await toReady({ id: order.id, version: order.version });
		await deliverAll();
		const bodies = (id: number) =>
			receiver.received
				.filter((one) => deliveredTo.get(String(one.headers['webhook-id'])) === id)
				.map((one) => one.body);
		const deliveredTo = new Map<string, number>();
		for (const id of [bench.id, manager.id])
			for (const one of await deliveries(id)) deliveredTo.set(one.id, id);
		const benchBodies = bodies(bench.id);
		expect(benchBodies).toHaveLength(2);
		for (const body of benchBodies) {
			expect(body).not.toMatch(/maya\.fischer|123456|250000|Cents/);
			expect(JSON.parse(body).data.customer).toBeUndefined();
			expect(JSON.parse(body).data.order.customerName).toBe('Olivia Bennett');
		}
		const managerBodies = bodies(manager.id).map((body) => JSON.parse(body));
		expect(
			managerBodies.find((body) => body.type === 'payment.recorded').data.change
		).toMatchObject({ amountCents: 123456, method: 'card' });
		expect(
			managerBodies.find((body) => body.type === 'order.ready_for_pickup').data.customer.email
		).toBe('maya.fischer@customer-mail.net');
	});

	it('names the wrong field of a bad endpoint, and saves nothing', async () => {
		const cases: [Record<string, unknown>, string][] = [
			[{ url: 'not a url' }, 'url'],
			[{ url: 'ftp://files.example/hook' }, 'url'],
			[{ eventTypes: ['order.moved', 'order.exploded'] }, 'eventTypes[1]'],
			[{ eventTypes: [] }, 'eventTypes'],
			[{ role: 'owner' }, 'role'],
			[{ role: 'display' }, 'role'],
			[{ secret: 'mine' }, 'secret']
		];
		for (const [input, field] of cases)
			expect(await refusal(endpoint(input)), JSON.stringify(input)).toEqual({
				status: 400,
				field
			});
		// Only the owner manages webhooks.
		expect(await refusal(createEndpoint(services, staff, { url: receiver.url }))).toMatchObject({
			status: 403
		});
		const [{ count }] = await services.db.sql<{ count: number }[]>`
			select count(*)::int as count from webhook_endpoints`;
		expect(count).toBe(0);
	});

	it('keeps each change to an endpoint in the settings trail, never its secret', async () => {
		const hook = await endpoint({ description: 'Point of sale' });
		await updateEndpoint(services, owner, hook.id, { enabled: false });
		const { secret } = await rotateSecret(services, owner, hook.id);
		const trail = (await listSettingsChanges(services, owner)).filter(
			(change) => change.section === `webhook:${hook.id}`
		);
		expect(trail.map((change) => change.after)).toEqual([
			{ secret: 'made new' },
			{ enabled: false },
			expect.objectContaining({ exists: true, url: receiver.url, description: 'Point of sale' })
		]);
		expect(trail[0].subject).toBe(receiver.url);
		expect(JSON.stringify(trail)).not.toContain(secret);
		expect(JSON.stringify(trail)).not.toContain(hook.secret);
	});

	it('two workers racing never send one delivery twice', async () => {
		const hook = await endpoint({ eventTypes: ['order.created'] });
		for (let i = 0; i < 12; i++) await newOrder(`customer.${i}@customer-mail.net`);
		receiver.slow(30);
		const a = worker();
		const b = worker();
		await Promise.all([deliverAll(a), deliverAll(b), deliverAll(a), deliverAll(b)]);
		const ids = receiver.received.map((one) => String(one.headers['webhook-id']));
		expect(ids).toHaveLength(12);
		expect(new Set(ids).size).toBe(12);
		const all = await deliveries(hook.id);
		expect(all.every((one) => one.status === 'delivered' && one.attempts === 1)).toBe(true);
	});
});

const adminUrl = process.env.TEST_DATABASE_URL;

/** Two server processes on one PostgreSQL database, each running the worker every server runs. */
describe.skipIf(!adminUrl)('webhook workers across processes on PostgreSQL', () => {
	let database: Awaited<ReturnType<typeof createTestDatabase>>;
	let processes: StartedServices[];
	let receiver: Awaited<ReturnType<typeof startReceiver>>;

	beforeAll(async () => {
		database = await createTestDatabase(adminUrl!);
		receiver = await startReceiver();
		processes = await Promise.all([startProcess(database), startProcess(database)]);
	});
	afterAll(async () => {
		for (const one of processes ?? []) await one.stop();
		await receiver?.close();
		await database?.drop();
	});

	it('deliver each of 30 deliveries exactly once between them', async () => {
		const [a, b] = processes;
		const [user] = await a.db.sql<{ id: number }[]>`
			insert into users (username, display_name, role) values ('ingrid', 'Ingrid L.', 'owner')
			returning id`;
		const owner: Actor = { id: user.id, name: 'Ingrid L.', role: 'owner' };
		await createEndpoint(a, owner, {
			url: receiver.url,
			allowPrivate: true,
			eventTypes: ['order.created'],
			role: 'bench'
		});
		receiver.slow(20);
		const workers = processes.map((one) =>
			new WebhookWorker(one, { pollMs: 20, retryBaseMs: 50, timeoutMs: 2000 }).start()
		);
		try {
			for (let i = 0; i < 30; i++)
				await createOrder(i % 2 ? a : b, owner, {
					customer: { givenName: 'Olivia', familyName: `Bennett ${i}` },
					title: `Oval solitaire ${i}`
				});
			await until(
				async () => {
					const [{ count }] = await a.db.sql<{ count: number }[]>`
					select count(*)::int as count from webhook_deliveries where status = 'delivered'`;
					return count === 30;
				},
				'every delivery to be made',
				20_000
			);
		} finally {
			for (const worker of workers) await worker.stop();
		}
		const ids = receiver.received.map((one) => String(one.headers['webhook-id']));
		expect(ids).toHaveLength(30);
		expect(new Set(ids).size).toBe(30);
	});
});
