import type { ShopFormat } from '../format';
import type { OrderCard } from '../../types';
import type { OrderEventType } from '../../events';
import type { StoneRole, StoneSource } from '../vocabulary';

/**
 * One entry of an order's history as the pages and the CSV read it, and the small helpers every
 * family of sentences (order-, stone- and custody-sentences.ts) shares.
 */

/** What an entry is about, for the history's filter chips. */
export const HISTORY_KINDS = [
	'stage',
	'details',
	'stones',
	'custody',
	'money',
	'blockers',
	'photos',
	'outside work',
	'customer',
	'messages'
] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

export const HISTORY_KIND_LABELS: Record<HistoryKind, string> = {
	stage: 'Stage',
	details: 'Details',
	stones: 'Stones',
	custody: 'Custody',
	money: 'Money',
	blockers: 'Waiting on',
	photos: 'Photos',
	'outside work': 'Outside work',
	customer: 'Customer',
	messages: 'Messages'
};

export interface StoneSubject {
	role?: StoneRole;
	source?: StoneSource;
	gem?: string;
	count?: number;
	carats?: number | null;
}

export interface JobSubject {
	vendorName: string;
	description?: string;
}

/** One change to an order, as the viewer's role may see it. */
export interface HistoryEntry {
	seq: number;
	at: string;
	type: OrderEventType;
	/** Who made the change: a display name. */
	actor: string;
	/** Their account, so a screen knows its viewer's own changes (which they may undo). */
	actorId: number;
	kind: HistoryKind;
	/** The board card's fields that changed (null for a created order). */
	before: Partial<OrderCard> | null;
	after: Partial<OrderCard>;
	/** What changed inside the order, without what the viewer's role may not see. */
	detail: { before: unknown; after: unknown } | null;
	/**
	 * The stone or outside job the entry is about, as it was then: an edit's detail holds only the
	 * fields that changed, which would not say which stone it was.
	 */
	subject?: StoneSubject | JobSubject;
	/** Set when this change took back an earlier one (its seq). */
	undoOf?: number;
}

/** An order's history, oldest first. */
export interface OrderHistory {
	orderId: number;
	number: string;
	entries: HistoryEntry[];
}

/** The chip an event belongs under. A quote changed alone is money, not the piece's details. */
export function kindOf(
	type: OrderEventType,
	after: Partial<OrderCard>,
	detail?: { after: unknown } | null
): HistoryKind {
	const [subject] = type.split('.');
	if (type === 'order.moved' || type === 'order.picked_up') return 'stage';
	// A transfer is a hand-off of the piece and the customer's items with it.
	if (type === 'order.transfer_sent' || type === 'order.transfer_received') return 'custody';
	if (type === 'order.updated') {
		const changed = [...Object.keys(after), ...Object.keys(fieldsOf(detail?.after))].filter(
			(field) => field !== 'version'
		);
		return changed.length === 1 && changed[0] === 'quotedPriceCents' ? 'money' : 'details';
	}
	const kinds: Record<string, HistoryKind> = {
		order: 'details',
		stone: 'stones',
		payment: 'money',
		blocker: 'blockers',
		attachment: 'photos',
		vendor_job: 'outside work',
		customer: 'customer',
		item: 'custody',
		notes: 'details',
		notification: 'messages',
		status_link: 'messages'
	};
	return kinds[subject] ?? 'details';
}

export interface WordsContext {
	/** The shop's way of writing dates, times (in its time zone) and amounts. */
	format: ShopFormat;
	/** Today in the shop (YYYY-MM-DD): dates of this year are shown without the year. */
	today?: string;
}

export type Fields = Record<string, unknown>;

export const fieldsOf = (value: unknown): Fields =>
	value !== null && typeof value === 'object' ? (value as Fields) : {};

export const isEmpty = (value: unknown) => value === null || value === undefined || value === '';

/** "a", "a and b", "a, b and c". */
export function listWords(items: string[]): string {
	if (items.length <= 1) return items.join('');
	return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

export const quoted = (text: unknown) => {
	const value = String(text);
	return `“${value.length > 60 ? `${value.slice(0, 59)}…` : value}”`;
};
