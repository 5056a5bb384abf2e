import type { ShopFormat } from './format';
import { STAGE_LABELS } from '../stages';
import type { Order } from '../types';
import type { OrderEventType } from '../events';
import { PIECE_TYPE_LABELS, SIZE_SCALE_LABELS, STONE_STATE_LABELS } from './vocabulary';

/** How long something has been so: "today", "yesterday", "3 days", "5 weeks". */
export function ageWords(iso: string, now: Date = new Date()): string {
	const days = Math.floor((now.getTime() - new Date(iso).getTime()) / 86_400_000);
	if (days <= 0) return 'since today';
	if (days === 1) return 'since yesterday';
	if (days < 28) return `for ${days} days`;
	return `for ${Math.floor(days / 7)} weeks`;
}

/** "14k white gold" is typed by people; this only tidies what is shown when there is none. */
export const orDash = (value: string | number | null | undefined) =>
	value === null || value === undefined || value === '' ? '—' : String(value);

export const ORDER_FIELD_LABELS: Record<string, string> = {
	title: 'Title',
	dueDate: 'Due date',
	rush: 'Rush',
	assignee: 'Assigned to',
	pieceType: 'Piece',
	metal: 'Metal',
	sizeValue: 'Size',
	sizeScale: 'Size scale',
	dimensions: 'Dimensions',
	finish: 'Finish',
	engravingText: 'Engraving',
	engravingFont: 'Engraving font',
	designNotes: 'Design notes',
	customerRequests: 'Customer requests',
	occasion: 'Occasion',
	quotedPriceCents: 'Quoted price',
	stage: 'Stage',
	pickupLocationId: 'Pickup store'
};

function fieldWords(field: string, value: unknown, format: ShopFormat): string {
	if (value === null || value === undefined || value === '') return 'none';
	if (field === 'dueDate') return format.day(String(value));
	if (field === 'rush') return value ? 'yes' : 'no';
	if (field === 'pieceType') return PIECE_TYPE_LABELS[value as keyof typeof PIECE_TYPE_LABELS];
	if (field === 'sizeScale') return SIZE_SCALE_LABELS[value as keyof typeof SIZE_SCALE_LABELS];
	if (field === 'stage') return STAGE_LABELS[value as keyof typeof STAGE_LABELS];
	if (field === 'quotedPriceCents') return 'changed';
	const text = String(value);
	return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** One field's change in words: "Due date Fri, Dec 12 → Mon, Dec 15". Long text only says it changed. */
export function changeWords(field: string, from: unknown, to: unknown, format: ShopFormat): string {
	const label = ORDER_FIELD_LABELS[field] ?? field;
	// A location's id means nothing to a person; the order's page names its pickup store.
	if (
		field === 'designNotes' ||
		field === 'customerRequests' ||
		field === 'quotedPriceCents' ||
		field === 'pickupLocationId'
	) {
		return `${label} changed`;
	}
	return `${label} ${fieldWords(field, from, format)} → ${fieldWords(field, to, format)}`;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The live notes: whoever has the order open sees them change as they are typed. */
const LIVE_NOTES = new Set(['designNotes', 'customerRequests']);

/** The order's own fields that differ between two versions of it. */
export function changedFields(before: Order, after: Order): string[] {
	return Object.keys(ORDER_FIELD_LABELS).filter(
		(field) =>
			!LIVE_NOTES.has(field) &&
			!same(before[field as keyof Order] ?? null, after[field as keyof Order] ?? null) &&
			!(field === 'quotedPriceCents' && same(before.money, after.money))
	);
}

/** Everything that differs between two versions of an order, in short phrases. */
export function describeChanges(before: Order, after: Order, format: ShopFormat): string[] {
	const words = changedFields(before, after).map((field) =>
		changeWords(field, before[field as keyof Order], after[field as keyof Order], format)
	);
	const count = (list: unknown[], noun: string, verb: string) => {
		if (list.length > 0)
			words.push(`${list.length} ${noun}${list.length === 1 ? '' : 's'} ${verb}`);
	};
	const newIds = <T extends { id: number }>(a: T[], b: T[]) =>
		b.filter((item) => !a.some((old) => old.id === item.id));
	count(newIds(before.stones, after.stones), 'stone', 'added');
	count(newIds(after.stones, before.stones), 'stone', 'removed');
	for (const stone of after.stones) {
		const old = before.stones.find((s) => s.id === stone.id);
		if (old && old.state !== stone.state)
			words.push(
				`${stone.gem}: ${STONE_STATE_LABELS[old.state]} → ${STONE_STATE_LABELS[stone.state]}`
			);
		else if (old && !same(old, stone)) words.push(`${stone.gem} details changed`);
	}
	count(newIds(before.vendorJobs, after.vendorJobs), 'vendor job', 'added');
	for (const job of after.vendorJobs) {
		const old = before.vendorJobs.find((j) => j.id === job.id);
		if (old && !old.receivedOn && job.receivedOn) words.push(`${job.vendorName} job received`);
		else if (old && !same(old, job)) words.push(`${job.vendorName} job changed`);
	}
	for (const blocker of newIds(before.blockers, after.blockers))
		words.push(`now waiting on “${blocker.description}”`);
	for (const blocker of after.blockers) {
		const old = before.blockers.find((b) => b.id === blocker.id);
		if (blocker.resolvedAt && old && !old.resolvedAt)
			words.push(`“${blocker.description}” resolved`);
	}
	count(newIds(before.attachments, after.attachments), 'photo', 'added');
	count(newIds(after.attachments, before.attachments), 'photo', 'removed');
	if (before.money && after.money)
		count(newIds(before.money.payments, after.money.payments), 'payment', 'recorded');
	return words;
}

/** What an event did, for when the order itself shows no difference (or cannot yet). */
export const EVENT_WORDS: Record<OrderEventType, string> = {
	'order.created': 'created this order',
	'order.updated': 'changed this order',
	'order.moved': 'moved this order',
	'order.picked_up': 'marked this order picked up',
	'stone.added': 'added a stone',
	'stone.updated': 'changed a stone',
	'stone.removed': 'removed a stone',
	'vendor_job.added': 'added outside work',
	'vendor_job.updated': 'changed outside work',
	'payment.recorded': 'recorded a payment',
	'blocker.added': 'added something this order waits on',
	'blocker.resolved': 'resolved something this order waited on',
	'attachment.added': 'added a photo',
	'attachment.removed': 'removed a photo',
	'customer.created': 'added the customer',
	'customer.updated': "changed the customer's details",
	'item.checked_in': "checked in the customer's item",
	'item.handed_off': "handed on the customer's item",
	'item.returned': "returned the customer's item",
	'notes.edited': 'edited the notes',
	'notification.queued': 'queued a message to the customer',
	'notification.sent': 'sent a message to the customer',
	'notification.failed': 'could not send a message to the customer',
	'notification.not_sent': 'could not send a message to the customer',
	'status_link.renewed': "made a new link to the order's status page",
	'order.transfer_sent': 'sent the piece to another location',
	'order.transfer_received': 'received the piece'
};
