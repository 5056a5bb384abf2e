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

function maskFields<T extends Partial<OrderCard>>(fields: T): T {
	if (fields.customerName === undefined) return fields;
	return { ...fields, customerName: maskCustomerName(fields.customerName) };
}

export function maskCard(card: OrderCard): OrderCard {
	return maskFields(card);
}

/** An event as a display receives it: every customer name in it masked, and no actor. */
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
