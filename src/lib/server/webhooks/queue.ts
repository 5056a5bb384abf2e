import type { OrderEventPayload, OrderEventType } from '../../events';
import type { WebhookEventType } from '../../webhooks';
import type { Tx } from '../db';

/**
 * The webhook types an event of the log is: a move is `order.moved`, and a move into Ready also
 * `order.ready_for_pickup`; the kinds a webhook does not carry (stones, notes, messages...) none.
 */
export function webhookTypesOf(
	type: OrderEventType,
	payload: OrderEventPayload
): WebhookEventType[] {
	switch (type) {
		case 'order.moved': {
			const stage = (payload.after as { stage?: string }).stage;
			return stage === 'ready' ? ['order.moved', 'order.ready_for_pickup'] : ['order.moved'];
		}
		case 'order.created':
		case 'order.updated':
		case 'order.picked_up':
		case 'payment.recorded':
		case 'blocker.added':
		case 'blocker.resolved':
		case 'order.transfer_sent':
		case 'order.transfer_received':
			return [type];
		default:
			return [];
	}
}

/**
 * One delivery for each enabled endpoint that asked for one of `types`, for the event this
 * transaction has just appended (its seq is the counter's, held by this transaction until commit):
 * the event commits with its deliveries, or neither does. A statement that `appendEvent` sends in
 * the same round trip, after the insert of the event. Its `count` is how many it wrote.
 */
export function queueDeliveries(tx: Tx, types: WebhookEventType[]) {
	return tx`
		insert into webhook_deliveries (id, endpoint_id, event_seq, event_type)
		select gen_random_uuid(), e.id, (select last_seq from event_counter), t.type
		from webhook_endpoints e
		join unnest(${types}::text[]) as t(type) on t.type = any(e.event_types)
		where e.enabled`.execute();
}

/** The events this process appended with deliveries (`markDelivering`), as objects. */
const delivering = new WeakSet<object>();

/**
 * Marks an event whose transaction wrote deliveries: once it commits, this process's webhook worker
 * looks for them at once. An event that wrote none (no endpoint wants it) wakes nobody; another
 * process's event is its own worker's to announce; and every worker still looks at each poll.
 */
export function markDelivering(event: object): void {
	delivering.add(event);
}

export function bringsDeliveries(event: object): boolean {
	return delivering.has(event);
}
