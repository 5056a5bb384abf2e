import type { OrderCard } from './types';
import type { OrderEvent } from './events';

/**
 * What a wall display facing the showroom may show: the customer as given name and family initial.
 * The occasion goes too: "proposal on Saturday" on a showroom screen could spoil the surprise for
 * the very person who walks in.
 */
function maskFields<T extends Partial<OrderCard>>(fields: T): T {
	const masked = { ...fields };
	// The short name comes made from the customer's own fields (customer_short_name in SQL); a
	// name that arrives without it shows nothing rather than too much.
	if (fields.customerName !== undefined) masked.customerName = fields.customerShortName ?? '';
	if (fields.occasion !== undefined) masked.occasion = null;
	return masked;
}

export function maskCard(card: OrderCard): OrderCard {
	return maskFields(card);
}

/**
 * An event as staff screens receive it: the card's fields only. The detail (a payment's amount, a
 * stone's declared value) stays in the log; a screen that shows it reloads the order for its role.
 */
export function screenEvent(event: OrderEvent): OrderEvent {
	if (!event.payload.detail) return event;
	const { detail: _detail, ...payload } = event.payload;
	return withPayload(event, payload);
}

/** An event as a display receives it: no detail, every customer name masked, and no actor. */
export function maskEvent(event: OrderEvent): OrderEvent {
	const { before, after, rekeyed } = event.payload;
	return withPayload(
		{ ...event, actor: { id: 0, name: '' } },
		{
			before: before ? maskFields(before) : null,
			after: maskFields(after),
			...(rekeyed ? { rekeyed } : {})
		}
	);
}

/**
 * The event with fewer of its own fields: each field kept is the same type's, so the payload still
 * fits its type (TypeScript cannot follow that through a union, hence the one cast).
 */
function withPayload(event: OrderEvent, payload: object): OrderEvent {
	return { ...event, payload } as OrderEvent;
}
