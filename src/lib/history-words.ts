import { toCsv } from './csv';
import { weightText } from './custody-words';
import type { ShopFormat } from './format';
import { STAGE_LABELS, type Stage } from './stages';
import type { OrderCard, OrderEventType } from './types';
import {
	PAYMENT_KIND_LABELS,
	PAYMENT_METHOD_LABELS,
	PIECE_TYPE_LABELS,
	type PaymentKind,
	type PaymentMethod,
	type PieceType,
	type StoneRole,
	type StoneSource,
	type WeightUnit
} from './vocabulary';

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

type Fields = Record<string, unknown>;

const fieldsOf = (value: unknown): Fields =>
	value !== null && typeof value === 'object' ? (value as Fields) : {};

const isEmpty = (value: unknown) => value === null || value === undefined || value === '';

/** "a", "a and b", "a, b and c". */
export function listWords(items: string[]): string {
	if (items.length <= 1) return items.join('');
	return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

const quoted = (text: unknown) => {
	const value = String(text);
	return `“${value.length > 60 ? `${value.slice(0, 59)}…` : value}”`;
};

const ORDER_FIELD_NOUNS: Record<string, string> = {
	title: 'title',
	dueDate: 'due date',
	pieceType: 'piece',
	occasion: 'occasion',
	metal: 'metal',
	sizeValue: 'size',
	sizeScale: 'size scale',
	dimensions: 'dimensions',
	finish: 'finish',
	engravingText: 'engraving',
	engravingFont: 'engraving font',
	designNotes: 'design notes',
	customerRequests: 'customer requests',
	quotedPriceCents: 'quoted price'
};

/** Notes are long and said in full on the order itself: the history only says they changed. */
const LONG_FIELDS = new Set(['designNotes', 'customerRequests']);

function orderValue(field: string, value: unknown, words: WordsContext): string {
	if (field === 'dueDate') return words.format.day(String(value), words.today);
	if (field === 'pieceType') return PIECE_TYPE_LABELS[value as PieceType]?.toLowerCase() ?? '';
	if (field === 'quotedPriceCents') return words.format.amount(Number(value));
	if (field === 'title' || field === 'engravingText' || field === 'occasion') return quoted(value);
	return String(value);
}

function orderClause(field: string, from: unknown, to: unknown, words: WordsContext): string {
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
const ORDER_FIELD_ORDER = [
	'title',
	'dueDate',
	'rush',
	'assignee',
	'pieceType',
	'occasion',
	...Object.keys(ORDER_FIELD_NOUNS)
].filter((field, index, all) => all.indexOf(field) === index);

function orderUpdated(entry: HistoryEntry, words: WordsContext): string {
	const detail = entry.detail;
	const before: Fields = { ...fieldsOf(entry.before), ...fieldsOf(detail?.before) };
	const after: Fields = { ...fieldsOf(entry.after), ...fieldsOf(detail?.after) };
	const clauses = ORDER_FIELD_ORDER.filter((field) => field in after).map((field) =>
		orderClause(field, before[field], after[field], words)
	);
	return clauses.length ? listWords(clauses) : 'changed the order';
}

/** A field as an undo put it back: "title back to “Oval solitaire”", "off rush again". */
function undoneClause(field: string, to: unknown, words: WordsContext): string {
	if (field === 'rush') return to ? 'rush again' : 'off rush again';
	if (field === 'assignee') return isEmpty(to) ? 'unassigned again' : `assigned to ${to} again`;
	const noun = ORDER_FIELD_NOUNS[field] ?? field;
	if (LONG_FIELDS.has(field)) return `${noun} as they were`;
	return `${noun} back to ${isEmpty(to) ? 'none' : orderValue(field, to, words)}`;
}

function editUndone(entry: HistoryEntry, words: WordsContext): string {
	const after: Fields = { ...fieldsOf(entry.after), ...fieldsOf(entry.detail?.after) };
	const clauses = ORDER_FIELD_ORDER.filter((field) => field in after).map((field) =>
		undoneClause(field, after[field], words)
	);
	return clauses.length ? `undid their edit: ${listWords(clauses)}` : 'undid their edit';
}

function moved(entry: HistoryEntry): string {
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
function toldWords(entry: HistoryEntry): string {
	const told = fieldsOf(fieldsOf(entry.detail?.after).messageQueued);
	if (!('status' in told)) return '';
	return told.status === 'not_sent'
		? ` · the customer could not be told: ${told.reason}`
		: ' · the customer is told';
}

const CHANNEL_WORDS: Record<string, string> = { email: 'by email', sms: 'by text message' };

/**
 * A message to the customer: what (its subject), to whom and how, and how it went. The person is
 * the one whose change or click sent it.
 */
function notification(entry: HistoryEntry): string {
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

const ROLE_NOUNS: Record<StoneRole, string> = {
	center: 'center stone',
	side: 'side stone',
	accent: 'accent stone',
	melee: 'melee'
};

/** "the center stone (Diamond, 0.9 ct)", "the customer's side stone (Sapphire, 2 stones, 0.6 ct total)". */
export function stoneName(stone: StoneSubject | undefined): string {
	if (!stone?.role) return stone?.gem ? `a stone (${stone.gem})` : 'a stone';
	const several = (stone.count ?? 1) > 1;
	const noun = ROLE_NOUNS[stone.role] + (several && stone.role !== 'melee' ? 's' : '');
	const owner = stone.source === 'customer' ? "the customer's" : 'the';
	const parts = [
		stone.gem,
		several ? `${stone.count} stones` : null,
		stone.carats ? `${stone.carats} ct${several ? ' total' : ''}` : null
	].filter(Boolean);
	return `${owner} ${noun}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}

const STONE_FIELD_NOUNS: Record<string, string> = {
	role: 'role',
	source: 'source',
	vendorId: 'dealer',
	gem: 'gem',
	shape: 'shape',
	count: 'count',
	carats: 'weight',
	dimensionsMm: 'size (mm)',
	colour: 'colour',
	clarity: 'clarity',
	certLab: 'lab',
	certNumber: 'certificate',
	declaredValueCents: 'declared value',
	state: 'state'
};

function stoneValue(field: string, value: unknown, words: WordsContext): string {
	if (isEmpty(value)) return 'none';
	if (field === 'carats') return `${value} ct`;
	if (field === 'declaredValueCents') return words.format.amount(Number(value));
	return String(value);
}

const STATE_WORDS: Record<string, (name: string) => string> = {
	expected: (name) => `marked ${name} expected`,
	received: (name) => `marked ${name} received`,
	set: (name) => `marked ${name} set`,
	returned: (name) => `returned ${name} to the customer`
};

function stoneAdded(entry: HistoryEntry, words: WordsContext): string {
	const stone = fieldsOf(entry.detail?.after);
	const name = stoneName({ ...(entry.subject as StoneSubject), ...(stone as StoneSubject) });
	const declared = stone.declaredValueCents;
	return `added ${name}${isEmpty(declared) ? '' : `, declared at ${words.format.amount(Number(declared))}`}`;
}

function stoneUpdated(entry: HistoryEntry, words: WordsContext): string {
	const name = stoneName(entry.subject as StoneSubject | undefined);
	const before = fieldsOf(entry.detail?.before);
	const after = fieldsOf(entry.detail?.after);
	// The vendor's id says nothing to a reader: only that the dealer changed.
	const changes = Object.keys(STONE_FIELD_NOUNS)
		.filter((field) => field in after && field !== 'state')
		.map((field) =>
			field === 'vendorId'
				? 'dealer changed'
				: `${STONE_FIELD_NOUNS[field]} ${stoneValue(field, before[field], words)} → ${stoneValue(field, after[field], words)}`
		);
	const state = typeof after.state === 'string' ? STATE_WORDS[after.state] : undefined;
	if (state && !changes.length) return state(name);
	const edit = changes.length ? `changed ${name}: ${changes.join(', ')}` : `changed ${name}`;
	return state ? `${state(name)} and changed ${changes.join(', ')}` : edit;
}

function payment(entry: HistoryEntry, words: WordsContext): string {
	const paid = fieldsOf(entry.detail?.after);
	if (isEmpty(paid.amountCents)) return 'recorded a payment';
	const kind = (PAYMENT_KIND_LABELS[paid.kind as PaymentKind] ?? 'Payment').toLowerCase();
	const method = PAYMENT_METHOD_LABELS[paid.method as PaymentMethod]?.toLowerCase();
	const amount = words.format.amount(Number(paid.amountCents));
	return `recorded a ${kind} of ${amount}${method ? ` (${method})` : ''}`;
}

function fileNoun(file: Fields): string {
	const name = String(file.fileName ?? '');
	if (file.mediaType === 'application/pdf' || /\.pdf$/i.test(name)) return 'a document';
	return file.kind === 'design' ? 'a sketch' : 'a photo';
}

function attachment(entry: HistoryEntry): string {
	const added = entry.type === 'attachment.added';
	const file = fieldsOf(added ? entry.detail?.after : entry.detail?.before);
	const name = file.fileName ? ` (${file.fileName})` : '';
	return `${added ? 'added' : 'removed'} ${fileNoun(file)}${name}`;
}

const JOB_FIELD_NOUNS: Record<string, string> = {
	vendorId: 'vendor',
	description: 'work',
	sentOn: 'sent',
	expectedOn: 'expected back',
	receivedOn: 'back',
	costCents: 'cost'
};

function jobValue(field: string, value: unknown, words: WordsContext): string {
	if (isEmpty(value)) return 'none';
	if (field === 'costCents') return words.format.amount(Number(value));
	if (field.endsWith('On')) return words.format.day(String(value), words.today);
	return String(value);
}

function vendorJob(entry: HistoryEntry, words: WordsContext): string {
	const job = entry.subject as JobSubject | undefined;
	const vendor = job?.vendorName ?? 'a vendor';
	const work = job?.description ? `: ${job.description}` : '';
	const before = fieldsOf(entry.detail?.before);
	const after = fieldsOf(entry.detail?.after);
	if (entry.type === 'vendor_job.added') {
		const extras = [
			isEmpty(after.expectedOn)
				? null
				: `expected back ${jobValue('expectedOn', after.expectedOn, words)}`,
			isEmpty(after.costCents) ? null : `cost ${jobValue('costCents', after.costCents, words)}`
		].filter(Boolean);
		const verb = isEmpty(after.sentOn)
			? `planned outside work at ${vendor}`
			: `sent it to ${vendor}`;
		return `${verb}${work}${extras.length ? ` (${extras.join(', ')})` : ''}`;
	}
	let lead: string | null = null;
	if (!isEmpty(after.receivedOn)) lead = `got it back from ${vendor}${work}`;
	else if (!isEmpty(after.sentOn) && isEmpty(before.sentOn)) lead = `sent it to ${vendor}${work}`;
	const changes = Object.keys(JOB_FIELD_NOUNS)
		.filter((field) => field in after && !(lead && (field === 'receivedOn' || field === 'sentOn')))
		.map((field) =>
			field === 'vendorId'
				? 'vendor changed'
				: `${JOB_FIELD_NOUNS[field]} ${jobValue(field, before[field], words)} → ${jobValue(field, after[field], words)}`
		);
	if (lead) return changes.length ? `${lead} (${changes.join(', ')})` : lead;
	return `changed the outside work at ${vendor}${work}${changes.length ? ` (${changes.join(', ')})` : ''}`;
}

/** "the Safe", "Bench 1", "Pacific Casting House", "the customer". */
export function holderName(holder: unknown): string {
	const { kind, name } = fieldsOf(holder);
	if (kind === 'customer') return 'the customer';
	const text = String(name ?? '').trim();
	if (!text) return 'someone';
	// A place is named as the shop says it: "the Safe", but "Bench 1".
	if (kind !== 'place' || /^the\s/i.test(text) || /\d$/.test(text)) return text;
	return `the ${text}`;
}

/** Where an item was put: "in the Safe", "on the Front counter", "at Bench 1". */
function placeWords(holder: unknown): string {
	const name = holderName(holder);
	if (/\d$/.test(name)) return `at ${name}`;
	return `${/counter|desk|table|tray/i.test(name) ? 'on' : 'in'} ${name}`;
}

const isActor = (holder: unknown, entry: HistoryEntry): boolean => {
	const { kind, id, name } = fieldsOf(holder);
	if (kind !== 'person') return false;
	return id !== undefined ? id === entry.actorId : name === entry.actor;
};

/** "4.21 g", "1.052 ct": a scale's reading, to its hundredths at least. */
export function weightWords(weight: unknown, unit: unknown): string | null {
	if (isEmpty(weight) || !Number.isFinite(Number(weight))) return null;
	return weightText(Number(weight), (unit ?? '') as WeightUnit).trimEnd();
}

/** What the hand-off adds after the item: " · weighed 4.20 g · “Prongs checked”". */
function handoffExtras(after: Fields): string {
	const weight = weightWords(after.weight, after.weightUnit);
	return [weight ? `weighed ${weight}` : null, isEmpty(after.note) ? null : quoted(after.note)]
		.filter(Boolean)
		.map((part) => ` · ${part}`)
		.join('');
}

const itemName = (fields: Fields) => String(fields.description ?? '') || 'an item';

function checkedIn(entry: HistoryEntry, words: WordsContext): string {
	const item = fieldsOf(entry.detail?.after);
	const weight = weightWords(item.weight, item.weightUnit);
	const declared = isEmpty(item.declaredValueCents)
		? null
		: `declared at ${words.format.amount(Number(item.declaredValueCents))}`;
	const about = [weight, declared].filter(Boolean).join(', ');
	const holder = fieldsOf(item.holder);
	let where = '';
	if (holder.kind === 'place') where = ` and put it ${placeWords(holder)}`;
	else if (holder.kind === 'vendor') where = ` and sent it to ${holderName(holder)}`;
	else if (holder.kind === 'person') {
		where = isActor(holder, entry) ? ' and kept it' : ` and gave it to ${holderName(holder)}`;
	}
	const note = isEmpty(item.note) ? '' : ` · ${quoted(item.note)}`;
	return `checked in ${itemName(item)}${about ? ` (${about})` : ''}${where}${note}`;
}

function handedOff(entry: HistoryEntry): string {
	const before = fieldsOf(entry.detail?.before);
	const after = fieldsOf(entry.detail?.after);
	const item = itemName({ ...before, ...after });
	const [from, to] = [before.holder, after.holder];
	let moved: string;
	if (isActor(to, entry)) moved = `took ${item} from ${holderName(from)}`;
	else if (isActor(from, entry)) {
		moved =
			fieldsOf(to).kind === 'place'
				? `put ${item} ${placeWords(to)}`
				: `handed ${item} to ${holderName(to)}`;
	} else moved = `handed ${item} from ${holderName(from)} to ${holderName(to)}`;
	return moved + handoffExtras(after);
}

function returned(entry: HistoryEntry): string {
	const after = fieldsOf(entry.detail?.after);
	return `returned ${itemName(after)} to the customer${handoffExtras(after)}`;
}

/** The release at the counter: what was owed (for the roles that see money) and what went back. */
function pickedUp(entry: HistoryEntry, words: WordsContext): string {
	if (!entry.detail) return 'marked it picked up';
	const release = fieldsOf(entry.detail.after);
	const parts = ['released it to the customer'];
	const balance = release.balanceCents;
	if (typeof balance === 'number' && balance > 0) {
		const reason = isEmpty(release.overrideReason) ? '' : `: ${release.overrideReason}`;
		parts.push(`balance of ${words.format.amount(balance)} owed${reason}`);
	} else if (typeof balance === 'number') parts.push('paid in full');
	const items = Array.isArray(release.itemsReturned) ? release.itemsReturned : [];
	if (items.length)
		parts.push(`handed back: ${listWords(items.map((i) => itemName(fieldsOf(i))))}`);
	return parts.join(' · ');
}

const CUSTOMER_FIELD_NOUNS: Record<string, string> = {
	phone: 'phone',
	email: 'email',
	preferredContact: 'preferred contact',
	ringSizes: 'ring sizes',
	notes: 'notes'
};

/** Contact details are never spelled out in the history: it says what changed, not to what. */
function customer(entry: HistoryEntry): string {
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

const NOTE_NOUNS: Record<string, string> = {
	design: 'design notes',
	requests: 'customer requests'
};

/**
 * "edited the design notes, Fri 2:02 PM–2:09 PM": from the first change to the last, the day said
 * once when both are on it ("Fri 11:50 PM – Sat 12:10 AM" when not).
 */
function notesEdited(entry: HistoryEntry, words: WordsContext): string {
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
