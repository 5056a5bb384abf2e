import type { OrderCard } from './types';

export const LOCATION_KINDS = ['store', 'workshop'] as const;
export type LocationKind = (typeof LOCATION_KINDS)[number];

/** What every screen knows of a location: enough to name it on a card and to filter by it. */
export interface LocationSummary {
	id: number;
	name: string;
	kind: LocationKind;
	/** No longer in use: old orders still name it, new ones cannot choose it. */
	archived: boolean;
}

/** A location as the owner keeps it, with what a customer is told of a store. */
export interface Location extends LocationSummary {
	/** As printed, one line per line; empty: the shop's own. */
	address: string;
	phone: string;
	/** Opening hours as written for customers, one line per line. */
	hours: string;
	/** An IANA zone, or null: the shop's. */
	timeZone: string | null;
	version: number;
}

type CardPlaces = Pick<
	OrderCard,
	'intakeLocationId' | 'pickupLocationId' | 'locationId' | 'transitToId'
>;

/**
 * The locations an order is part of: where it was taken in, where it will be picked up, where the
 * piece is, and where it is heading. A store's board shows its customers' orders wherever the piece
 * is; a workshop's shows what is there or on its way there.
 */
export function locationsOf(card: CardPlaces): number[] {
	const ids = [card.intakeLocationId, card.pickupLocationId, card.locationId, card.transitToId];
	return [...new Set(ids.filter((id): id is number => id !== null && id !== undefined))];
}

export function belongsTo(card: CardPlaces, locationId: number): boolean {
	return locationsOf(card).includes(locationId);
}

/** A location's name from a board's list ("a closed location" if it is not there). */
export function locationName(locations: readonly LocationSummary[], id: number | null): string {
	return locations.find((location) => location.id === id)?.name ?? 'a closed location';
}

/** Whether the shop has more than one open location: only then do screens speak of locations. */
export function severalLocations(locations: readonly LocationSummary[]): boolean {
	return locations.filter((location) => !location.archived).length > 1;
}

/**
 * The oldest open store, as the server's `default_location()` picks it: where an order goes when
 * nobody said, and where a person without a home location takes orders in.
 */
export function firstOpenStore<L extends LocationSummary>(locations: readonly L[]): L | null {
	return locations
		.filter((location) => location.kind === 'store' && !location.archived)
		.reduce<L | null>((first, one) => (!first || one.id < first.id ? one : first), null);
}

/** A location's id as a URL gives it (`?location=3`), or null when it is not a plain positive id. */
export function locationIdParam(raw: string | null): number | null {
	const id = raw !== null && /^\d{1,9}$/.test(raw) ? Number(raw) : 0;
	return id > 0 ? id : null;
}
