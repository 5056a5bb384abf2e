import type { OrderEventPayload, OrderEventType } from '../../events';
import type { OrderCard } from '../../types';
import type { WebhookRole } from '../../webhooks';
import { can } from '../auth/roles';
import type { Sql } from '../db';

/** An order as every staff role sees it on the board: no money, no contact details. */
const ORDER_FIELDS = [
	'id',
	'number',
	'title',
	'stage',
	'dueDate',
	'rush',
	'assignee',
	'pieceType',
	'customerName',
	'stageEnteredAt',
	'firstBlocker'
] as const;

type Fields = Record<string, unknown>;
const pick = (from: Fields | null | undefined, names: readonly string[]) =>
	Object.fromEntries(
		names.filter((name) => from && name in from).map((name) => [name, from![name]])
	);

interface EventRow {
	seq: number;
	orderId: number;
	type: OrderEventType;
	payload: OrderEventPayload;
	actorName: string;
	createdAt: Date;
}

/**
 * What one event says to a webhook whose payloads follow `role`'s view, picked field by field (what
 * is not named here is never sent): money only to a role that may read money, a customer's email
 * and phone only to one that may read customers. The order is the card as it is when the body is
 * made (the first attempt); `change` is the event's own.
 */
export async function webhookBody(
	sql: Sql,
	delivery: { id: string; eventType: string; eventSeq: number },
	role: WebhookRole,
	publicUrl: string
): Promise<string> {
	const [event] = await sql<EventRow[]>`
		select e.seq, e.order_id, e.type, e.payload, u.display_name as actor_name, e.created_at
		from order_events e join users u on u.id = e.actor_id
		where e.seq = ${delivery.eventSeq}`;
	const [card] = await sql<OrderCard[]>`select * from order_cards where id = ${event.orderId}`;
	const order = card
		? (pick(card as unknown as Fields, ORDER_FIELDS) as Fields)
		: { id: event.orderId };
	const data: Fields = {
		order: { ...order, url: `${publicUrl.replace(/\/$/, '')}/orders/${event.orderId}` },
		change: changeOf(event, role)
	};
	if (card && can(role, 'customers.read')) {
		const [customer] = await sql<Fields[]>`
			select id, given_name, family_name, email, phone from customers
			where id = ${card.customerId}`;
		data.customer = customer;
	}
	return JSON.stringify({
		id: delivery.id,
		type: delivery.eventType,
		createdAt: event.createdAt.toISOString(),
		seq: Number(event.seq),
		actor: event.actorName,
		data
	});
}

/** What the event changed, as the role may read it. */
function changeOf(event: EventRow, role: WebhookRole): Fields {
	const payload = event.payload;
	const after = (payload.detail?.after ?? null) as Fields | null;
	const before = (payload.detail?.before ?? null) as Fields | null;
	const undo = payload.undoOf !== undefined ? { undoOf: payload.undoOf } : {};
	switch (event.type) {
		case 'order.moved':
			return {
				from: (payload.before as Fields | null)?.stage ?? null,
				to: (payload.after as Fields).stage,
				...undo
			};
		case 'order.created':
			return {};
		case 'order.updated':
			// Which of the card's fields changed: their names, the values are in `order`.
			return {
				fields: Object.keys(payload.after).filter((field) =>
					(ORDER_FIELDS as readonly string[]).includes(field)
				)
			};
		case 'order.picked_up':
			return {
				releasedBy: after?.releasedBy ?? null,
				...(can(role, 'money.read') ? pick(after, ['balanceCents', 'overrideReason']) : {})
			};
		case 'payment.recorded':
			return can(role, 'money.read')
				? pick(after, ['id', 'kind', 'amountCents', 'method', 'paidOn'])
				: {};
		case 'blocker.added':
			return pick(after, ['id', 'description', 'since']);
		case 'blocker.resolved':
			return { ...pick(before, ['id', 'description']), ...pick(after, ['resolvedAt']) };
		case 'order.transfer_sent':
		case 'order.transfer_received':
			// Where it went and who carried it; the items' descriptions stay in the shop.
			return pick(after, [
				'transferId',
				'from',
				'to',
				'sentBy',
				'sentAt',
				'receivedBy',
				'receivedAt'
			]);
		default:
			return {};
	}
}

/** A test ping: no order in it, only that the endpoint is reached and checks the signature. */
export const pingBody = (id: string) =>
	JSON.stringify({
		id,
		type: 'webhook.test',
		createdAt: new Date().toISOString(),
		data: { message: 'A test delivery from Benchboard: the endpoint works.' }
	});
