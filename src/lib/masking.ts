import type { OrderCard, OrderEvent } from './types';

/**
 * What a wall display facing the showroom may show of a customer: the first name and the initial
 * of the last name. "Olivia Bennett" becomes "Olivia B.".
 */
export function maskCustomerName(fullName: string): string {
	const parts = fullName.trim().split(/\s+/);
	if (parts.length < 2) return parts[0] ?? '';
	const last = parts.at(-1)!;
	return `${parts.slice(0, -1).join(' ')} ${[...last][0].toUpperCase()}.`;
}

/**
 * The occasion goes too: "proposal on Saturday" on a showroom screen could spoil the surprise for
 * the very person who walks in.
 */
function maskFields<T extends Partial<OrderCard>>(fields: T): T {
	const masked = { ...fields };
	if (fields.customerName !== undefined)
		masked.customerName = maskCustomerName(fields.customerName);
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
	return { ...event, payload };
}

/** An event as a display receives it: no detail, every customer name masked, and no actor. */
export function maskEvent(event: OrderEvent): OrderEvent {
	const { before, after, rekeyed } = event.payload;
	return {
		...event,
		actor: { id: 0, name: '' },
		payload: {
			before: before ? maskFields(before) : null,
			after: maskFields(after),
			...(rekeyed ? { rekeyed } : {})
		}
	};
}
