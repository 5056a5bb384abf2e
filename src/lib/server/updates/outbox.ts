import { randomUUID } from 'node:crypto';
import {
	CUSTOMER_PIECE_NAMES,
	renderTemplate,
	type MessageKind
} from '../../words/message-templates';
import { contactLines, oneLine } from '../../shop';
import { readShopProfile } from '../shop-profile';
import { shopFormat } from '../../words/format';
import { sendMessageSchema } from '../../validation';
import type { ContactPreference, PieceType } from '../../words/vocabulary';
import { requirePermission } from '../auth/roles';
import { lockOrder, runCommand } from '../commands';
import type { Sql, Tx } from '../db';
import { parseInput } from '../errors';
import { appendEvent, type Actor } from '../events';
import type { Services } from '../services';
import type { Channels } from './channels';
import { isReservedAddress } from './reserved-addresses';
import { balanceOf } from '../payments';
import { readStatusToken, statusUrl } from './status-link';
import { readMessageSettings, type MessageSettings } from './message-settings';
import { readPickupPlace } from './pickup-place';

export type Target = { channel: 'email' | 'sms'; recipient: string } | { reason: string };

const ORDER_OF_CHANNELS: Record<ContactPreference, ('email' | 'sms')[]> = {
	email: ['email', 'sms'],
	text: ['sms', 'email'],
	// Someone who prefers a call still gets the news in writing: a text first.
	call: ['sms', 'email']
};

/**
 * Who to write to and how: the customer's preferred channel first, among those the shop has; or
 * why the message cannot go (the shop or the customer turned messages off, no channel, no address).
 */
export async function chooseTarget(
	q: Sql | Tx,
	channels: Channels,
	customerId: number,
	settings?: MessageSettings
): Promise<Target> {
	settings ??= await readMessageSettings(q);
	if (!settings.enabled) return { reason: 'customer messages are turned off for the shop' };
	const [customer] = await q<
		{
			email: string | null;
			phone: string | null;
			preferredContact: ContactPreference;
			notificationsOff: boolean;
		}[]
	>`select email, phone, preferred_contact, notifications_off from customers where id = ${customerId}`;
	if (customer.notificationsOff) return { reason: 'this customer asked not to get messages' };
	const configured = ORDER_OF_CHANNELS[customer.preferredContact].filter(
		(channel) => channels[channel]
	);
	if (configured.length === 0) {
		return { reason: 'no channel configured for email or text messages' };
	}
	let demo = false;
	for (const channel of configured) {
		const recipient = channel === 'email' ? customer.email : customer.phone;
		if (recipient && isReservedAddress(channel, recipient)) demo = true;
		else if (recipient) return { channel, recipient };
	}
	if (demo) return { reason: 'a demo address (example.com or a 555-01xx number): nothing is sent' };
	const wanted = configured.map((channel) =>
		channel === 'email' ? 'email address' : 'phone number'
	);
	return { reason: `no ${wanted.join(' or ')} on file` };
}

/**
 * Writes a message to the customer into the outbox, inside the caller's transaction: it is sent
 * only if what causes it commits, and then surely (the worker delivers it). Its words are fixed
 * now, from the owner's template, so the order page shows exactly what goes out.
 */
export async function queueMessage(
	tx: Tx,
	services: Services,
	actor: Actor,
	orderId: number,
	kind: MessageKind,
	message = '',
	/** Wait this long before sending (a move to Ready can still be undone meanwhile). */
	delayMs = 0
): Promise<{ id: number; subject: string; status: 'queued' | 'not_sent'; reason: string | null }> {
	const settings = await readMessageSettings(tx);
	const [order] = await tx<
		{
			number: string;
			title: string;
			pieceType: PieceType;
			customerId: number;
			givenName: string;
		}[]
	>`
		select o.number, o.title, o.piece_type, o.customer_id, c.given_name
		from orders o join customers c on c.id = o.customer_id
		where o.id = ${orderId}`;
	const balance = await balanceOf(tx, orderId);
	// The customer reads the amount as the shop writes it: its currency, in its locale.
	const shop = await readShopProfile(tx);
	const format = shopFormat(shop);
	// The place words are the pickup store's (a shop of several locations); the brand the shop's.
	const pickup = await readPickupPlace(tx, orderId);
	const values = {
		shopName: shop.name,
		customerName: order.givenName,
		orderNumber: order.number,
		piece: CUSTOMER_PIECE_NAMES[order.pieceType],
		balance:
			balance !== null && balance > 0
				? `The balance to pay at pickup is ${format.amount(balance)}.`
				: 'There is nothing left to pay.',
		openingHours: pickup?.hours ?? settings.openingHours,
		// Left as a placeholder: the link is the order's current one when the message goes out
		// (or is shown), since a new link may be made while the message waits.
		statusLink: STATUS_LINK,
		message,
		pickupStore: pickup?.name ?? shop.name,
		pickupAddress: oneLine(pickup?.address ?? shop.address),
		pickupHours: pickup?.hours ?? settings.openingHours
	};
	// Every message ends with how to reach the shop, the lines under its name as on a letter; in a
	// shop of several locations, the store the piece is picked up at and how to reach that.
	const contact = pickup
		? [pickup.name, ...contactLines({ ...shop, address: pickup.address, phone: pickup.phone })]
		: contactLines(shop);
	const template = settings.templates[kind];
	const subject = renderTemplate(template.subject, values);
	// What cannot go at all is recorded so now, in the same transaction, and shown to staff.
	const target = await chooseTarget(tx, services.channels, order.customerId, settings);
	const reason = 'reason' in target ? target.reason : null;
	const status = reason ? 'not_sent' : 'queued';
	const [{ id }] = await tx<{ id: number }[]>`
		insert into notifications (order_id, customer_id, kind, subject, body, idempotency_key,
			created_by, status, last_error, next_attempt_at)
		values (${orderId}, ${order.customerId}, ${kind}, ${subject},
			${[renderTemplate(template.body, values), ...contact].join('\n')},
			${randomUUID()}, ${actor.id}, ${status}, ${reason},
			now() + ${delayMs / 1000} * interval '1 second')
		returning id`;
	return { id, subject, status, reason };
}

const STATUS_LINK = '{statusLink}';

/** A stored message's words with the order's status link as it is now. */
export function withStatusLink(text: string, url: string): string {
	return text.replaceAll(STATUS_LINK, url);
}

/** The order's status link now (a renewed link replaces the one a queued message was made with). */
export async function currentStatusLink(
	q: Sql | Tx,
	publicUrl: string,
	orderId: number
): Promise<string> {
	const token = await readStatusToken(q, orderId);
	return token ? statusUrl(publicUrl, token) : '';
}

/**
 * Takes back the "ready for pickup" messages still waiting to go, in the transaction of what made
 * them untrue (a move out of Ready, a pickup, an undo): recorded as not sent, with the reason.
 * Returns their ids.
 */
export async function withdrawReadyMessages(
	tx: Tx,
	orderId: number,
	reason: string
): Promise<number[]> {
	const rows = await tx<{ id: number }[]>`
		update notifications set status = 'not_sent', last_error = ${reason}
		where order_id = ${orderId} and kind = 'ready' and status = 'queued'
		returning id`;
	return rows.map((row) => row.id);
}

/** Staff send a message from the order page: the CAD is ready, the quote needs approval, or words of their own. */
export async function sendMessage(
	services: Services,
	actor: Actor,
	orderId: number,
	input: unknown
): Promise<void> {
	requirePermission(actor, 'customers.contact');
	const data = parseInput(sendMessageSchema, input);
	await runCommand(services, async (tx) => {
		await lockOrder(tx, orderId);
		const queued = await queueMessage(tx, services, actor, orderId, data.kind, data.message ?? '');
		const event = await appendEvent(tx, orderId, 'notification.queued', actor, {
			before: {},
			after: {},
			detail: { before: null, after: { ...queued, kind: data.kind } }
		});
		return { result: undefined, event };
	});
}

export interface CustomerMessage {
	id: number;
	kind: MessageKind;
	subject: string;
	body: string;
	status: 'queued' | 'sending' | 'sent' | 'failed' | 'not_sent';
	channel: 'email' | 'sms' | null;
	recipient: string | null;
	attempts: number;
	lastError: string | null;
	createdBy: string;
	createdAt: string;
	sentAt: string | null;
}

/** An order's messages, newest first (staff who may contact customers). */
export async function listMessages(
	services: Services,
	actor: Actor,
	orderId: number
): Promise<CustomerMessage[]> {
	requirePermission(actor, 'customers.contact');
	const sql = services.db.sql;
	const link = await currentStatusLink(sql, services.publicUrl, orderId);
	const rows = await sql<
		(Omit<CustomerMessage, 'createdAt' | 'sentAt'> & { createdAt: Date; sentAt: Date | null })[]
	>`
		select n.id, n.kind, n.subject, n.body, n.status, n.channel, n.recipient, n.attempts,
			n.last_error, u.display_name as created_by, n.created_at, n.sent_at
		from notifications n join users u on u.id = n.created_by
		where n.order_id = ${orderId}
		order by n.id desc`;
	// A sent message reads as it went; one still waiting (or never sent) with today's link.
	return rows.map((row) => ({
		...row,
		subject: withStatusLink(row.subject, link),
		body: withStatusLink(row.body, link),
		createdAt: row.createdAt.toISOString(),
		sentAt: row.sentAt ? row.sentAt.toISOString() : null
	}));
}
