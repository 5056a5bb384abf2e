import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/lib/server/events';
import { createOrder } from '../../src/lib/server/orders';
import type { StartedServices } from '../../src/lib/server/start';
import { sendMessage } from '../../src/lib/server/updates/outbox';
import { Outbox } from '../../src/lib/server/updates/worker';
import { startMailServer } from '../helpers/mail';
import { createTestDatabase, startProcess } from '../helpers/services';
import { until } from '../helpers/until';

const adminUrl = process.env.TEST_DATABASE_URL;

/**
 * Two server processes on one PostgreSQL database, each with the outbox worker every server runs:
 * both race for the same queued messages, and each customer must hear each one once.
 */
describe.skipIf(!adminUrl)('the outbox across processes on PostgreSQL', () => {
	let database: Awaited<ReturnType<typeof createTestDatabase>>;
	let mail: Awaited<ReturnType<typeof startMailServer>>;
	let processes: StartedServices[];

	beforeAll(async () => {
		database = await createTestDatabase(adminUrl!);
		mail = await startMailServer();
		const start = () =>
			startProcess(database, {
				publicUrl: 'https://shop.example',
				channels: { smtpUrl: mail.url, smtpFrom: 'orders@shop.example' }
			});
		processes = await Promise.all([start(), start()]);
	});
	afterAll(async () => {
		for (const one of processes ?? []) await one.stop();
		await mail?.close();
		await database?.drop();
	});

	it('two workers racing over 50 queued messages send each exactly once', async () => {
		const [a, b] = processes;
		const [user] = await a.db.sql<{ id: number }[]>`
			insert into users (username, display_name, role) values ('sam', 'Sam Ortiz', 'staff')
			returning id`;
		const staff: Actor = { id: user.id, name: 'Sam Ortiz', role: 'staff' };
		for (let i = 0; i < 10; i++) {
			const order = (
				await createOrder(a, staff, {
					customer: {
						givenName: 'Olivia',
						familyName: `Bennett ${i}`,
						email: `olivia.${i}@customer-mail.net`,
						preferredContact: 'email'
					},
					title: `Oval solitaire ${i}`
				})
			).card;
			for (let n = 0; n < 5; n++) {
				await sendMessage(i % 2 ? a : b, staff, order.id, {
					kind: 'message',
					message: `Note ${n} about piece ${i}`
				});
			}
		}
		const sentBy = new Map<StartedServices, number>(processes.map((one) => [one, 0]));
		const workers = processes.map((one) =>
			new Outbox(one, {
				pollMs: 20,
				afterProviderAccepted: () => void sentBy.set(one, sentBy.get(one)! + 1)
			}).start()
		);
		try {
			await until(
				async () =>
					(
						await a.db.sql<{ count: number }[]>`
							select count(*)::int as count from notifications where status = 'sent'`
					)[0].count === 50,
				'every message to be sent',
				15_000
			);
		} finally {
			await Promise.all(workers.map((worker) => worker.stop()));
		}
		const keys = mail.received.map((message) => message.idempotencyKey);
		expect(keys).toHaveLength(50);
		expect(new Set(keys).size).toBe(50);
		const stored = await a.db.sql<{ idempotencyKey: string; attempts: number }[]>`
			select idempotency_key, attempts from notifications`;
		expect(new Set(stored.map((row) => row.idempotencyKey))).toEqual(new Set(keys));
		expect(stored.every((row) => row.attempts === 1)).toBe(true);
		// Both workers took part: the race was real.
		expect([...sentBy.values()].every((count) => count > 0)).toBe(true);
		const [{ events }] = await a.db.sql<{ events: number }[]>`
			select count(*)::int as events from order_events where type = 'notification.sent'`;
		expect(events).toBe(50);
	});
});
