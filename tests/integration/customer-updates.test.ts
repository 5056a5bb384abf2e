import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { updateCustomer } from '../../src/lib/server/customers';
import { DomainError } from '../../src/lib/server/errors';
import type { Actor } from '../../src/lib/server/events';
import { getOrder } from '../../src/lib/server/order-record';
import { createOrder, moveOrder } from '../../src/lib/server/orders';
import { pickUpOrder } from '../../src/lib/server/release';
import { recordPayment } from '../../src/lib/server/payments';
import type { StartedServices } from '../../src/lib/server/start';
import { listMessages, sendMessage } from '../../src/lib/server/updates/outbox';
import {
	getStatusLink,
	readCustomerStatus,
	renewStatusLink
} from '../../src/lib/server/updates/status-link';
import { customerStatusOr404 } from '../../src/lib/server/updates/status-page';
import { Outbox } from '../../src/lib/server/updates/worker';
import { undoChange } from '../../src/lib/server/undo';
import type { OrderEvent } from '../../src/lib/events';
import { startMailServer, startSmsGateway } from '../helpers/mail';
import { backends } from '../helpers/services';
import { until } from '../helpers/until';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(backends)('customer updates on $name', (backend) => {
	let services: StartedServices;
	let mail: Awaited<ReturnType<typeof startMailServer>>;
	let sms: Awaited<ReturnType<typeof startSmsGateway>>;
	let staff: Actor;
	let bench: Actor;
	const published: OrderEvent[] = [];

	beforeAll(async () => {
		mail = await startMailServer();
		sms = await startSmsGateway();
		services = await backend.start({
			publicUrl: 'https://shop.example',
			channels: { smtpUrl: mail.url, smtpFrom: 'orders@shop.example', smsWebhookUrl: sms.url }
		});
		services.bus.subscribe((event) => published.push(event));
		await services.db.sql`update settings set shop_name = 'Lindqvist & Daughters'`;
		for (const [role, name] of [
			['staff', 'Sam Ortiz'],
			['bench', 'Elena Novak']
		] as const) {
			const [user] = await services.db.sql<{ id: number }[]>`
				insert into users (username, display_name, role) values (${role}, ${name}, ${role})
				returning id`;
			if (role === 'staff') staff = { id: user.id, name, role };
			else bench = { id: user.id, name, role };
		}
	});
	afterAll(async () => {
		await services?.stop();
		await mail?.close();
		await sms?.close();
	});

	async function readyOrder(customer: Record<string, unknown>, extra: object = {}) {
		const order = (
			await createOrder(services, staff, {
				customer: { givenName: 'Olivia', familyName: 'Bennett', ...customer },
				title: 'Oval solitaire, 14k yellow gold',
				pieceType: 'engagement_ring',
				quotedPriceCents: 250000,
				...extra
			})
		).card;
		await recordPayment(services, staff, order.id, {
			kind: 'deposit',
			amountCents: 170000,
			method: 'card',
			paidOn: '2026-11-20'
		});
		(
			await moveOrder(services, staff, order.id, {
				stage: 'ready',
				afterId: null,
				version: order.version
			})
		).card;
		return order;
	}

	const outbox = (options = {}) =>
		new Outbox(services, { pollMs: 60_000, retryBaseMs: 20, leaseMs: 60_000, ...options });

	/** Delivers everything due, whichever test queued it. */
	const deliverAll = async () => {
		const worker = outbox();
		while ((await worker.deliverDue()) > 0);
	};

	/** A "ready" message waits out the undo window; the tests do not. */
	const dueNow = () =>
		services.db.sql`update notifications set next_attempt_at = now() where status = 'queued'`;

	it('tells the customer once, by email, when the piece is ready, and the history says so', async () => {
		const order = await readyOrder({
			email: 'olivia@customer-mail.net',
			preferredContact: 'email'
		});
		const [queued] = await listMessages(services, staff, order.id);
		expect(queued).toMatchObject({ kind: 'ready', status: 'queued', createdBy: 'Sam Ortiz' });
		const worker = outbox();
		// Not yet: a move to Ready can be undone for two minutes, and the message with it.
		expect(await worker.deliverDue()).toBe(0);
		await dueNow();
		expect(await worker.deliverDue()).toBe(1);
		expect(await worker.deliverDue()).toBe(0);
		const sent = mail.received.filter((m) => m.to === 'olivia@customer-mail.net');
		expect(sent).toHaveLength(1);
		expect(sent[0].subject).toBe('Your engagement ring is ready for pickup');
		expect(sent[0].body).toContain('Hello Olivia,');
		expect(sent[0].body).toContain(
			`your engagement ring (${order.number}) is ready for pickup at Lindqvist & Daughters`
		);
		expect(sent[0].body).toContain('The balance to pay at pickup is $800.00.');
		expect(sent[0].body).toContain('Tuesday to Saturday, 10:00 to 18:00');
		expect(sent[0].body).toMatch(/https:\/\/shop\.example\/s\/[A-Za-z0-9_-]{24}/);
		const [message] = await listMessages(services, staff, order.id);
		expect(message).toMatchObject({
			status: 'sent',
			channel: 'email',
			recipient: 'olivia@customer-mail.net',
			attempts: 1
		});
		expect(sent[0].idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
		const event = published.findLast((e) => e.orderId === order.id)!;
		expect(event).toMatchObject({ type: 'notification.sent', actor: { name: 'Sam Ortiz' } });
		expect(event.payload.detail?.after).toMatchObject({
			channel: 'email',
			recipient: 'olivia@customer-mail.net'
		});
	});

	it('a move does not wake the outbox: the "ready" message it queued waits out the undo window', async () => {
		const running = outbox();
		const looked = vi.spyOn(running, 'deliverDue');
		running.start();
		try {
			await looked.mock.results[0].value; // its first look, at start
			looked.mockClear();
			await readyOrder({ email: 'waits@customer-mail.net', preferredContact: 'email' });
			await new Promise((resolve) => setTimeout(resolve, 100));
			expect(looked).not.toHaveBeenCalled();
		} finally {
			await running.stop();
		}
	});

	it.each([
		['moved back to Inspection by someone else', 'moved back to Inspection'],
		['picked up', 'picked up']
	])(
		'withdraws a waiting "ready" message when the order is %s, and never sends it',
		async (_, because) => {
			const email = `${because.split(' ')[0]}@customer-mail.net`;
			const order = await readyOrder({ email, preferredContact: 'email' });
			const board = await getOrder(services.db.sql, staff, order.id);
			if (because === 'picked up') {
				await recordPayment(services, staff, order.id, {
					kind: 'payment',
					amountCents: 80000,
					method: 'cash',
					paidOn: '2026-11-27'
				});
				(await pickUpOrder(services, staff, order.id, { version: board.version })).card;
			} else {
				(
					await moveOrder(services, staff, order.id, {
						stage: 'inspection',
						afterId: null,
						version: board.version
					})
				).card;
			}
			const [message] = await listMessages(services, staff, order.id);
			expect(message.status).toBe('not_sent');
			expect(message.lastError).toContain(because);
			await dueNow();
			await deliverAll();
			expect(mail.received.some((m) => m.to === email)).toBe(false);
		}
	);

	it('sends a message only if it is still true when it goes: an order no longer Ready is not told it is', async () => {
		const order = await readyOrder({ email: 'late@customer-mail.net', preferredContact: 'email' });
		// Behind the commands' backs, as another process's change would look to this worker.
		await services.db.sql`update orders set stage = 'inspection' where id = ${order.id}`;
		await dueNow();
		await deliverAll();
		const [message] = await listMessages(services, staff, order.id);
		expect(message).toMatchObject({ status: 'not_sent' });
		expect(message.lastError).toContain('left Ready for pickup');
		expect(mail.received.some((m) => m.to === 'late@customer-mail.net')).toBe(false);
	});

	it('a message that waited while a new status link was made goes out with the new link', async () => {
		const order = await readyOrder({
			email: 'relink@customer-mail.net',
			preferredContact: 'email'
		});
		const old = await getStatusLink(services, staff, order.id);
		const renewed = await renewStatusLink(services, staff, order.id);
		expect(renewed.url).not.toBe(old.url);
		const [waiting] = await listMessages(services, staff, order.id);
		expect(waiting.body).toContain(renewed.url);
		await dueNow();
		await deliverAll();
		const [sent] = mail.received.filter((m) => m.to === 'relink@customer-mail.net');
		expect(sent.body).toContain(renewed.url);
		expect(sent.body).not.toContain(old.url);
		// The order page shows what went out, even after yet another new link.
		const newest = await renewStatusLink(services, staff, order.id);
		const [shown] = await listMessages(services, staff, order.id);
		expect(shown.body).toContain(renewed.url);
		expect(shown.body).not.toContain(newest.url);
	});

	it('never writes to a demo address (example.com, 555-01xx), and says so', async () => {
		const order = await readyOrder({
			email: 'olivia.bennett@example.com',
			phone: '555-0142',
			preferredContact: 'email'
		});
		const [message] = await listMessages(services, staff, order.id);
		expect(message.status).toBe('not_sent');
		expect(message.lastError).toContain('a demo address');
		await dueNow();
		await deliverAll();
		expect(mail.received.some((m) => m.to === 'olivia.bennett@example.com')).toBe(false);
		expect(sms.accepted.some((m) => m.to === '555-0142')).toBe(false);
	});

	it('retries a failing SMS gateway with the same key, then marks the message failed with the reason', async () => {
		const order = await readyOrder({ phone: '(555) 201-0101', preferredContact: 'text' });
		sms.state.failing = 2;
		await dueNow();
		const worker = outbox();
		await worker.deliverDue();
		let [message] = await listMessages(services, staff, order.id);
		expect(message).toMatchObject({
			status: 'queued',
			lastError: 'the SMS gateway answered 503: gateway busy'
		});
		await until(async () => {
			await worker.deliverDue();
			[message] = await listMessages(services, staff, order.id);
			return message.status === 'sent';
		}, 'the retries');
		expect(message.attempts).toBe(3);
		const texts = sms.accepted.filter((m) => m.to === '(555) 201-0101');
		expect(texts).toHaveLength(1);
		expect(texts[0].header).toBe(texts[0].idempotencyKey);
		expect(texts[0].body).toContain('is ready for pickup');

		const second = await readyOrder({ phone: '(555) 201-0102', preferredContact: 'text' });
		sms.state.failing = 1000;
		await dueNow();
		const stubborn = outbox({ maxAttempts: 3 });
		await until(async () => {
			await stubborn.deliverDue();
			return (await listMessages(services, staff, second.id))[0].status === 'failed';
		}, 'giving up');
		sms.state.failing = 0;
		const [failed] = await listMessages(services, staff, second.id);
		expect(failed).toMatchObject({
			attempts: 3,
			lastError: 'the SMS gateway answered 503: gateway busy'
		});
		expect(published.findLast((e) => e.orderId === second.id)?.type).toBe('notification.failed');
	});

	it('sends what was queued before a crash after the restart, and resends with the same key if the crash came after the provider took it', async () => {
		// Queued and committed, then the process died before any worker ran.
		const order = await readyOrder({
			email: 'hannah@customer-mail.net',
			preferredContact: 'email'
		});
		expect((await listMessages(services, staff, order.id))[0].status).toBe('queued');
		await dueNow();
		await outbox().deliverDue();
		expect(mail.received.filter((m) => m.to === 'hannah@customer-mail.net')).toHaveLength(1);

		// The provider took it, and the process died before marking it sent.
		const next = await readyOrder({ email: 'ruth@customer-mail.net', preferredContact: 'email' });
		await dueNow();
		const crashing = outbox({
			leaseMs: 1000,
			afterProviderAccepted: () => {
				throw new Error('the process died here');
			}
		});
		await expect(crashing.deliverDue()).rejects.toThrow('the process died here');
		expect((await listMessages(services, staff, next.id))[0].status).toBe('sending');
		const restarted = outbox();
		expect(await restarted.deliverDue()).toBe(0); // the lost attempt's lease has not run out
		await wait(1000);
		expect(await restarted.deliverDue()).toBe(1);
		const copies = mail.received.filter((m) => m.to === 'ruth@customer-mail.net');
		expect(copies).toHaveLength(2);
		expect(copies[1].idempotencyKey).toBe(copies[0].idempotencyKey);
		expect(copies[1].messageId).toBe(copies[0].messageId);
		expect((await listMessages(services, staff, next.id))[0]).toMatchObject({
			status: 'sent',
			attempts: 2
		});
	});

	it('takes the "ready" message back with an undone move to Ready', async () => {
		const order = (
			await createOrder(services, staff, {
				customer: {
					givenName: 'Nora',
					familyName: 'Lind',
					email: 'nora.l@customer-mail.net',
					preferredContact: 'email'
				},
				title: 'Pearl studs'
			})
		).card;
		(
			await moveOrder(services, staff, order.id, {
				stage: 'ready',
				afterId: null,
				version: order.version
			})
		).card;
		const move = published.at(-1)!;
		(await undoChange(services, staff, order.id, { seq: move.seq })).card;
		expect((await listMessages(services, staff, order.id))[0]).toMatchObject({
			status: 'not_sent',
			lastError: 'the move to Ready was undone'
		});
		await dueNow();
		await outbox().deliverDue();
		expect(mail.received.some((m) => m.to === 'nora.l@customer-mail.net')).toBe(false);
	});

	it('respects a customer who opted out and a shop that turned messages off: recorded, not sent', async () => {
		const before = mail.received.length;
		const order = (
			await createOrder(services, staff, {
				customer: {
					givenName: 'Ruth',
					familyName: 'Goldberg',
					email: 'ruth.g@customer-mail.net',
					preferredContact: 'email'
				},
				title: 'Remount of a ruby'
			})
		).card;
		await updateCustomer(services, staff, order.customerId, { notificationsOff: true });
		(
			await moveOrder(services, staff, order.id, {
				stage: 'ready',
				afterId: null,
				version: order.version
			})
		).card;
		expect((await listMessages(services, staff, order.id))[0]).toMatchObject({
			status: 'not_sent',
			lastError: 'this customer asked not to get messages'
		});
		await services.db.sql`update settings set notifications_enabled = false`;
		const other = await readyOrder({ email: 'nora@customer-mail.net', preferredContact: 'email' });
		await services.db.sql`update settings set notifications_enabled = true`;
		expect((await listMessages(services, staff, other.id))[0]).toMatchObject({
			status: 'not_sent',
			lastError: 'customer messages are turned off for the shop'
		});
		await outbox().deliverDue();
		expect(mail.received.length).toBe(before);
	});

	it('records a message as not sent when no channel is configured, never losing it silently', async () => {
		const bare = await backend.start();
		try {
			const [user] = await bare.db.sql<{ id: number }[]>`
				insert into users (username, display_name, role) values ('sam', 'Sam Ortiz', 'staff') returning id`;
			const sam: Actor = { id: user.id, name: 'Sam Ortiz', role: 'staff' };
			const order = (
				await createOrder(bare, sam, {
					customer: { givenName: 'Ada', familyName: 'Okonkwo', email: 'ada@customer-mail.net' },
					title: 'Pendant'
				})
			).card;
			(
				await moveOrder(bare, sam, order.id, {
					stage: 'ready',
					afterId: null,
					version: order.version
				})
			).card;
			expect((await listMessages(bare, sam, order.id))[0]).toMatchObject({
				status: 'not_sent',
				lastError: 'no channel configured for email or text messages'
			});
		} finally {
			await bare.stop();
		}
	});

	it('lets staff send a design-approval note or their own words; not bench, not an empty message', async () => {
		const order = (
			await createOrder(services, staff, {
				customer: {
					givenName: 'James',
					familyName: 'Abernathy',
					email: 'james@customer-mail.net',
					preferredContact: 'email'
				},
				title: 'Signet ring'
			})
		).card;
		await expect(
			sendMessage(services, bench, order.id, { kind: 'cad_ready' })
		).rejects.toMatchObject({ status: 403 });
		const empty = await sendMessage(services, staff, order.id, { kind: 'message' }).catch((e) => e);
		expect(empty).toBeInstanceOf(DomainError);
		expect(empty.message).toBe('message is required for a message of your own');
		await sendMessage(services, staff, order.id, {
			kind: 'message',
			message: 'The engraving font samples are in: come by any day this week.'
		});
		expect(published.at(-1)).toMatchObject({ type: 'notification.queued', orderId: order.id });
		await outbox().deliverDue();
		const [sent] = mail.received.filter((m) => m.to === 'james@customer-mail.net');
		expect(sent.subject).toBe(`About your piece (${order.number})`);
		expect(sent.body).toContain('The engraving font samples are in');
	});

	it('opens the status page only with the current secret link, showing nothing internal', async () => {
		const order = (
			await createOrder(services, staff, {
				customer: { givenName: 'Olivia', familyName: 'Bennett' },
				title: 'Oval solitaire, with customer’s own 1.02 ct',
				pieceType: 'engagement_ring',
				metal: 'platinum',
				designNotes: 'Secret: proposal on the 20th'
			})
		).card;
		const { url } = await getStatusLink(services, staff, order.id);
		const token = url.split('/s/')[1];
		expect(token).toMatch(/^[A-Za-z0-9_-]{24}$/); // 144 random bits
		const status = await readCustomerStatus(services.db.sql, token);
		expect(status).toMatchObject({
			number: order.number,
			piece: 'Your engagement ring, platinum',
			stage: 'intake',
			stageLabel: 'Order received'
		});
		expect(JSON.stringify(status)).not.toMatch(/Bennett|Secret|Olivia|1\.02 ct|solitaire/);
		expect(
			await readCustomerStatus(
				services.db.sql,
				token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A')
			)
		).toBeNull();
		expect(await readCustomerStatus(services.db.sql, 'short')).toBeNull();
		await expect(getStatusLink(services, bench, order.id)).rejects.toMatchObject({ status: 403 });
		const renewed = await renewStatusLink(services, staff, order.id);
		expect(renewed.url).not.toBe(url);
		expect(await readCustomerStatus(services.db.sql, token)).toBeNull();
		expect(await readCustomerStatus(services.db.sql, renewed.url.split('/s/')[1])).toMatchObject({
			number: order.number
		});
	});

	it('answers one address’s guessing with “not found” and then with “too many requests”', async () => {
		const address = `198.51.100.${backend.name === 'pglite' ? 1 : 2}`;
		const statuses: number[] = [];
		for (let i = 0; i < 61; i++) {
			const guess = `guess${i}`.padEnd(24, 'x');
			statuses.push(
				await customerStatusOr404(services.db.sql, guess, address).then(
					() => 200,
					(error: { status: number }) => error.status
				)
			);
		}
		expect(statuses.slice(0, 60).every((status) => status === 404)).toBe(true);
		expect(statuses[60]).toBe(429);
		// Someone else, with the real link, is not held back.
		const order = (
			await createOrder(services, staff, {
				customer: { givenName: 'Ada', familyName: 'Okonkwo' },
				title: 'Pendant'
			})
		).card;
		const { url } = await getStatusLink(services, staff, order.id);
		const status = await customerStatusOr404(services.db.sql, url.split('/s/')[1], '192.0.2.44');
		expect(status.number).toBe(order.number);
	});
});
