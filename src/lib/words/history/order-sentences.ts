import { ORDER_FIELD_LABELS } from '../order';
import { STAGE_LABELS, type Stage } from '../../stages';
import { PIECE_TYPE_LABELS, type PieceType } from '../vocabulary';
import {
	fieldsOf,
	isEmpty,
	listWords,
	quoted,
	type Fields,
	type HistoryEntry,
	type WordsContext
} from './entry';

/** The history's sentences about the order itself, its customer, its notes and its messages. */

/** The fields a history sentence names ("changed the engraving"), in the order page's order. */
const NAMED_FIELDS = [
	'title',
	'dueDate',
	'pieceType',
	'occasion',
	'metal',
	'sizeValue',
	'sizeScale',
	'dimensions',
	'finish',
	'engravingText',
	'engravingFont',
	'designNotes',
	'customerRequests',
	'quotedPriceCents'
];

/** "due date", "engraving": the order page's own labels, as a sentence says them. */
export const ORDER_FIELD_NOUNS: Record<string, string> = Object.fromEntries(
	NAMED_FIELDS.map((field) => [field, ORDER_FIELD_LABELS[field].toLowerCase()])
);

/** Notes are long and said in full on the order itself: the history only says they changed. */
export const LONG_FIELDS = new Set(['designNotes', 'customerRequests']);

export function orderValue(field: string, value: unknown, words: WordsContext): string {
	if (field === 'dueDate') return words.format.day(String(value), words.today);
	if (field === 'pieceType') return PIECE_TYPE_LABELS[value as PieceType]?.toLowerCase() ?? '';
	if (field === 'quotedPriceCents') return words.format.amount(Number(value));
	if (field === 'title' || field === 'engravingText' || field === 'occasion') return quoted(value);
	return String(value);
}

export function orderClause(
	field: string,
	from: unknown,
	to: unknown,
	words: WordsContext
): string {
	if (field === 'rush') return to ? 'marked it rush' : 'took it off rush';
	if (field === 'assignee') {
		if (isEmpty(to)) return `unassigned ${from}`;
		return isEmpty(from) ? `assigned it to ${to}` : `reassigned it from ${from} to ${to}`;
	}
	const noun = ORDER_FIELD_NOUNS[field] ?? field;
	if (LONG_FIELDS.has(field)) return `changed the ${noun}`;
	if (isEmpty(from)) return `set the ${noun} to ${orderValue(field, to, words)}`;
	if (isEmpty(to)) return `removed the ${noun}`;
	return `changed the ${noun} from ${orderValue(field, from, words)} to ${orderValue(field, to, words)}`;
}

/** In the order a person reads the order page: the card's fields first, the price last. */
export const ORDER_FIELD_ORDER = [
	'title',
	'dueDate',
	'rush',
	'assignee',
	'pieceType',
	'occasion',
	...Object.keys(ORDER_FIELD_NOUNS)
].filter((field, index, all) => all.indexOf(field) === index);

export function orderUpdated(entry: HistoryEntry, words: WordsContext): string {
	const detail = entry.detail;
	const before: Fields = { ...fieldsOf(entry.before), ...fieldsOf(detail?.before) };
	const after: Fields = { ...fieldsOf(entry.after), ...fieldsOf(detail?.after) };
	const clauses = ORDER_FIELD_ORDER.filter((field) => field in after).map((field) =>
		orderClause(field, before[field], after[field], words)
	);
	return clauses.length ? listWords(clauses) : 'changed the order';
}

/** A field as an undo put it back: "title back to “Oval solitaire”", "off rush again". */
export function undoneClause(field: string, to: unknown, words: WordsContext): string {
	if (field === 'rush') return to ? 'rush again' : 'off rush again';
	if (field === 'assignee') return isEmpty(to) ? 'unassigned again' : `assigned to ${to} again`;
	const noun = ORDER_FIELD_NOUNS[field] ?? field;
	if (LONG_FIELDS.has(field)) return `${noun} as they were`;
	return `${noun} back to ${isEmpty(to) ? 'none' : orderValue(field, to, words)}`;
}

export function editUndone(entry: HistoryEntry, words: WordsContext): string {
	const after: Fields = { ...fieldsOf(entry.after), ...fieldsOf(entry.detail?.after) };
	const clauses = ORDER_FIELD_ORDER.filter((field) => field in after).map((field) =>
		undoneClause(field, after[field], words)
	);
	return clauses.length ? `undid their edit: ${listWords(clauses)}` : 'undid their edit';
}

export function moved(entry: HistoryEntry): string {
	const from = entry.before?.stage as Stage | undefined;
	const to = entry.after.stage as Stage | undefined;
	if (entry.undoOf !== undefined && to) {
		return `undid their move: back to ${from === to ? 'its place in ' : ''}${STAGE_LABELS[to]}`;
	}
	if (!to) return 'moved it';
	if (!from || from === to) return `moved it within ${STAGE_LABELS[to]}`;
	return `moved it from ${STAGE_LABELS[from]} to ${STAGE_LABELS[to]}${toldWords(entry)}`;
}

/** A move to Ready tells the customer: " · the customer is told" (or why they could not be). */
export function toldWords(entry: HistoryEntry): string {
	const told = fieldsOf(fieldsOf(entry.detail?.after).messageQueued);
	if (!('status' in told)) return '';
	return told.status === 'not_sent'
		? ` · the customer could not be told: ${told.reason}`
		: ' · the customer is told';
}

export const CHANNEL_WORDS: Record<string, string> = { email: 'by email', sms: 'by text message' };

/**
 * A message to the customer: what (its subject), to whom and how, and how it went. The person is
 * the one whose change or click sent it.
 */
export function notification(entry: HistoryEntry): string {
	const message = fieldsOf(entry.detail?.after);
	const what = quoted(message.subject ?? 'a message');
	const how = [
		message.channel ? CHANNEL_WORDS[String(message.channel)] : null,
		isEmpty(message.recipient) ? null : `to ${message.recipient}`
	]
		.filter(Boolean)
		.join(' ');
	switch (entry.type) {
		case 'notification.queued':
			return message.status === 'not_sent'
				? `could not send the customer ${what}: ${message.reason}`
				: `wrote to the customer: ${what}`;
		case 'notification.sent':
			return `sent the customer ${what}${how ? ` ${how}` : ''}`;
		case 'notification.failed':
			return `could not send the customer ${what}${how ? ` ${how}` : ''}: ${message.reason}`;
		default:
			return `could not send the customer ${what}: ${message.reason}`;
	}
}

export const CUSTOMER_FIELD_NOUNS: Record<string, string> = {
	phone: 'phone',
	email: 'email',
	preferredContact: 'preferred contact',
	ringSizes: 'ring sizes',
	notes: 'notes'
};

/** Contact details are never spelled out in the history: it says what changed, not to what. */
export function customer(entry: HistoryEntry): string {
	const after = fieldsOf(entry.detail?.after);
	const others = Object.keys(CUSTOMER_FIELD_NOUNS)
		.filter((field) => field in after)
		.map((field) => CUSTOMER_FIELD_NOUNS[field]);
	const from = entry.before?.customerName;
	const to = entry.after.customerName;
	if (to) {
		const renamed = `renamed the customer from ${from} to ${to}`;
		return others.length ? `${renamed} and changed their ${listWords(others)}` : renamed;
	}
	return others.length
		? `changed the customer's ${listWords(others)}`
		: "changed the customer's details";
}

export const NOTE_NOUNS: Record<string, string> = {
	design: 'design notes',
	requests: 'customer requests'
};

/**
 * "edited the design notes, Fri 2:02 PM–2:09 PM": from the first change to the last, the day said
 * once when both are on it ("Fri 11:50 PM – Sat 12:10 AM" when not).
 */
export function notesEdited(entry: HistoryEntry, words: WordsContext): string {
	const session = fieldsOf(entry.detail?.after);
	const edited = `edited the ${NOTE_NOUNS[String(session.field)] ?? 'notes'}`;
	const { startedAt, endedAt } = session;
	if (typeof startedAt !== 'string' || typeof endedAt !== 'string') return edited;
	const { format } = words;
	const today = words.today ?? format.dayOf(new Date());
	const from = format.whenOn(startedAt, today);
	if (format.dayOf(startedAt) !== format.dayOf(endedAt)) {
		return `${edited}, ${from} – ${format.whenOn(endedAt, today)}`;
	}
	const to = format.time(endedAt);
	return to === format.time(startedAt) ? `${edited}, ${from}` : `${edited}, ${from}–${to}`;
}
