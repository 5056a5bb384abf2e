import { locationName, type LocationSummary } from '../locations';
import type { OrderCard } from '../types';

/** Where the piece is, in the shop's words, for the order page and the board's cards. */

type Transit = Pick<OrderCard, 'locationId' | 'transitToId' | 'transitSince'>;

const HOUR_MS = 3_600_000;

/** What a board's cards need to say where their pieces are. */
export interface CardPlaces {
	locations: readonly LocationSummary[];
	/** Hours after which a piece in transit is flagged as not received. */
	alertHours: number;
	/** The location the board shows, or null for every location's orders. */
	here: number | null;
	/** The board's clock, so a card turns late while the screen stays open. */
	now: Date;
}

/**
 * Whole hours since the piece was sent, once that is past the shop's alert (a transfer not
 * received in time is flagged); null while it is not late, or not in transit.
 */
export function hoursUnreceived(
	card: Transit,
	alertHours: number,
	now = new Date()
): number | null {
	if (card.transitSince === null) return null;
	const hours = Math.floor((now.getTime() - Date.parse(card.transitSince)) / HOUR_MS);
	return hours >= alertHours ? hours : null;
}

/** "Not received after 26 hours". */
export const notReceivedWords = (hours: number) =>
	`Not received after ${hours} ${hours === 1 ? 'hour' : 'hours'}`;

/**
 * The card's short line: "In transit → Workshop" while it travels, "At Harbor" otherwise, unless
 * the board is `here`'s and the piece is there (a card of one store's board needs no "At" line).
 */
export function cardPlaceWords(
	card: Transit,
	locations: readonly LocationSummary[],
	here: number | null
): string | null {
	if (card.transitSince !== null)
		return `In transit → ${locationName(locations, card.transitToId)}`;
	if (card.locationId === null || card.locationId === here) return null;
	return `At ${locationName(locations, card.locationId)}`;
}

/**
 * The order page's line: "At Main Street", or "In transit to Workshop since 14:02 · sent by Sam
 * Ortiz" (`since` is the moment in the shop's words, worked out by the caller).
 */
export function placeLine(
	card: Transit,
	locations: readonly LocationSummary[],
	since: string,
	sentBy: string | null
): string {
	if (card.transitSince === null) return `At ${locationName(locations, card.locationId)}`;
	const by = sentBy ? ` · sent by ${sentBy}` : '';
	return `In transit to ${locationName(locations, card.transitToId)} since ${since}${by}`;
}
