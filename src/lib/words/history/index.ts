import { toCsv } from '../../csv';
import {
	checkedIn,
	handedOff,
	pickedUp,
	returned,
	transferReceived,
	transferSent
} from './custody-sentences';
import { fieldsOf, type HistoryEntry, type StoneSubject, type WordsContext } from './entry';
import {
	customer,
	editUndone,
	moved,
	notesEdited,
	notification,
	orderUpdated
} from './order-sentences';
import {
	attachment,
	payment,
	stoneAdded,
	stoneName,
	stoneUpdated,
	vendorJob
} from './stone-sentences';

// An order's history in sentences: this module says which sentence an event gets, and makes the
// CSV; the sentences of each family live in history/ (order, stones and money, custody).
export {
	HISTORY_KIND_LABELS,
	HISTORY_KINDS,
	kindOf,
	listWords,
	type HistoryEntry,
	type HistoryKind,
	type JobSubject,
	type OrderHistory,
	type StoneSubject,
	type WordsContext
} from './entry';
export { stoneName } from './stone-sentences';

/** What happened, without who did it: "moved it from Casting to Setting". */
export function describeEntry(entry: HistoryEntry, words: WordsContext): string {
	const detail = (side: 'before' | 'after') => fieldsOf(entry.detail?.[side]);
	switch (entry.type) {
		case 'order.created':
			return 'created the order';
		case 'order.updated':
			return entry.undoOf !== undefined ? editUndone(entry, words) : orderUpdated(entry, words);
		case 'order.moved':
			return moved(entry);
		case 'order.picked_up':
			return pickedUp(entry, words);
		case 'stone.added':
			return stoneAdded(entry, words);
		case 'stone.updated':
			return stoneUpdated(entry, words);
		case 'stone.removed':
			return `removed ${stoneName(entry.subject as StoneSubject | undefined)}`;
		case 'payment.recorded':
			return payment(entry, words);
		case 'blocker.added':
			return `added a blocker: ${detail('after').description ?? ''}`.trimEnd();
		case 'blocker.resolved':
			return `resolved: ${detail('after').description ?? detail('before').description ?? ''}`;
		case 'attachment.added':
		case 'attachment.removed':
			return attachment(entry);
		case 'vendor_job.added':
		case 'vendor_job.updated':
			return vendorJob(entry, words);
		case 'customer.created':
			return 'added the customer';
		case 'customer.updated':
			return customer(entry);
		case 'item.checked_in':
			return checkedIn(entry, words);
		case 'item.handed_off':
			return handedOff(entry);
		case 'item.returned':
			return returned(entry);
		case 'order.transfer_sent':
			return transferSent(entry);
		case 'order.transfer_received':
			return transferReceived(entry);
		case 'notes.edited':
			return notesEdited(entry, words);
		case 'notification.queued':
		case 'notification.sent':
		case 'notification.failed':
		case 'notification.not_sent':
			return notification(entry);
		case 'status_link.renewed':
			return "made a new link to the order's status page (the old one no longer works)";
		default:
			return 'changed the order';
	}
}

/** "Morgan Lee moved it from Casting to Setting". */
export function historySentence(entry: HistoryEntry, words: WordsContext): string {
	return `${entry.actor} ${describeEntry(entry, words)}`;
}

function partsIn(iso: string, timeZone: string, options: Intl.DateTimeFormatOptions) {
	const parts = new Intl.DateTimeFormat('en-GB', { ...options, timeZone }).formatToParts(
		new Date(iso)
	);
	return Object.fromEntries(parts.map((part) => [part.type, part.value]));
}

/** The calendar day of a moment in the shop (YYYY-MM-DD). */
export function dayIn(iso: string, timeZone: string): string {
	const { year, month, day } = partsIn(iso, timeZone, {
		year: 'numeric',
		month: '2-digit',
		day: '2-digit'
	});
	return `${year}-${month}-${day}`;
}

/** "14:02" in the shop, on a 24-hour clock. */
export function timeIn(iso: string, timeZone: string): string {
	const { hour, minute } = partsIn(iso, timeZone, {
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	});
	return `${hour}:${minute}`;
}

/** The history as a spreadsheet: date and time in the shop, who, what. */
export function historyCsv(entries: readonly HistoryEntry[], words: WordsContext): string {
	// A spreadsheet sorts and sums what it can read: the date and time columns stay YYYY-MM-DD and
	// 24-hour HH:MM in every locale, while the sentences are in the shop's words.
	const { timeZone } = words.format.settings;
	return toCsv([
		['Date', 'Time', 'Who', 'What'],
		...entries.map((entry) => [
			dayIn(entry.at, timeZone),
			timeIn(entry.at, timeZone),
			entry.actor,
			describeEntry(entry, words)
		])
	]);
}

export const historyCsvName = (number: string, today: string) => `${number}-history-${today}.csv`;
