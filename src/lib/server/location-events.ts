import type { OrderEvent } from '../events';
import type { OrderCard } from '../types';
import type { Sql, Tx } from './db';

/** The card's fields that place an order at a location. */
const LOCATION_FIELDS = [
	'intakeLocationId',
	'pickupLocationId',
	'locationId',
	'transitToId'
] as const;

/** Whether an event is one a screen limited to `locationId` is sent (null: every location's). */
export function concerns(event: Pick<OrderEvent, 'locationIds'>, locationId: number): boolean {
	return !event.locationIds || event.locationIds.includes(locationId);
}

/** Whether the change moved the order between locations (so it may arrive on a screen). */
function movesPlaces(event: OrderEvent): boolean {
	const after = event.payload.after as Partial<OrderCard> | null;
	return event.orderId !== null && !!after && LOCATION_FIELDS.some((field) => field in after);
}

/**
 * The event as a screen limited to one location needs it: a change that moves the order between
 * locations carries the whole card as it is now, since an order arriving at the location is not on
 * that screen yet and an event's `after` holds only the fields that changed.
 */
export async function withWholeCards(q: Sql | Tx, events: OrderEvent[]): Promise<OrderEvent[]> {
	const ids = [...new Set(events.filter(movesPlaces).map((event) => event.orderId!))];
	if (!ids.length) return events;
	const cards = await q<OrderCard[]>`select * from order_cards where id = any(${ids}::int[])`;
	const byId = new Map(cards.map((card) => [card.id, card]));
	return events.map((event) => {
		const card = movesPlaces(event) ? byId.get(event.orderId!) : undefined;
		return card ? ({ ...event, payload: { ...event.payload, after: card } } as OrderEvent) : event;
	});
}

/**
 * What a process has sent each location's room, for each event's `prevSeq`: the last seq it sent
 * there, or (before any) the seq before the first event it saw, since what came earlier may have
 * been any location's. An event of every location (null) counts for each.
 */
export class LocationSeqs {
	#floor: number | null = null;
	#everyLocation = 0;
	#last = new Map<number, number>();

	/**
	 * Called for every event the process sees, in seq order: the `prevSeq` of each of `locations`
	 * (the rooms that have screens) that the event concerns.
	 */
	see(
		event: Pick<OrderEvent, 'seq' | 'locationIds'>,
		locations: Iterable<number>
	): Map<number, number> {
		this.#floor ??= event.seq - 1;
		const floor = Math.max(this.#floor, this.#everyLocation);
		const prevSeqs = new Map<number, number>();
		for (const id of locations) {
			if (!concerns(event, id)) continue;
			const last = Math.max(this.#last.get(id) ?? floor, floor);
			prevSeqs.set(id, Math.min(last, event.seq - 1));
		}
		if (!event.locationIds) this.#everyLocation = event.seq;
		else for (const id of event.locationIds) this.#last.set(id, event.seq);
		return prevSeqs;
	}
}
