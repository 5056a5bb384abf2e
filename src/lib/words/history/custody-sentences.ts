import { weightText } from '../custody';
import type { WeightUnit } from '../vocabulary';
import {
	fieldsOf,
	isEmpty,
	listWords,
	quoted,
	type Fields,
	type HistoryEntry,
	type WordsContext
} from './entry';

/** The history's sentences about the customer's items in the shop's care, and the release. */

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
export function placeWords(holder: unknown): string {
	const name = holderName(holder);
	if (/\d$/.test(name)) return `at ${name}`;
	return `${/counter|desk|table|tray/i.test(name) ? 'on' : 'in'} ${name}`;
}

export const isActor = (holder: unknown, entry: HistoryEntry): boolean => {
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
export function handoffExtras(after: Fields): string {
	const weight = weightWords(after.weight, after.weightUnit);
	return [weight ? `weighed ${weight}` : null, isEmpty(after.note) ? null : quoted(after.note)]
		.filter(Boolean)
		.map((part) => ` · ${part}`)
		.join('');
}

export const itemName = (fields: Fields) => String(fields.description ?? '') || 'an item';

export function checkedIn(entry: HistoryEntry, words: WordsContext): string {
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

export function handedOff(entry: HistoryEntry): string {
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

export function returned(entry: HistoryEntry): string {
	const after = fieldsOf(entry.detail?.after);
	return `returned ${itemName(after)} to the customer${handoffExtras(after)}`;
}

/** The release at the counter: what was owed (for the roles that see money) and what went back. */
export function pickedUp(entry: HistoryEntry, words: WordsContext): string {
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

/** " with Grandmother's ring (4.21 g) and Center stone: Diamond": what travelled, as weighed. */
function travelled(items: unknown): string {
	const list = Array.isArray(items) ? items.map(fieldsOf) : [];
	if (!list.length) return '';
	const named = list.map((item) => {
		const weight = weightWords(item.weight, item.weightUnit);
		return weight ? `${itemName(item)} (${weight})` : itemName(item);
	});
	return ` with ${listWords(named)}`;
}

const locationOf = (side: unknown) => String(fieldsOf(side).name ?? '') || 'a location';
const noteOf = (fields: Fields) => (isEmpty(fields.note) ? '' : ` · ${quoted(fields.note)}`);

/** "sent the piece from Main Street to Workshop with Grandmother's ring (4.21 g) · “For setting”". */
export function transferSent(entry: HistoryEntry): string {
	const transfer = fieldsOf(entry.detail?.after);
	return `sent the piece from ${locationOf(transfer.from)} to ${locationOf(transfer.to)}${travelled(transfer.items)}${noteOf(transfer)}`;
}

/** "received the piece at Workshop from Main Street with Grandmother's ring (4.20 g)". */
export function transferReceived(entry: HistoryEntry): string {
	const transfer = fieldsOf(entry.detail?.after);
	return `received the piece at ${locationOf(transfer.to)} from ${locationOf(transfer.from)}${travelled(transfer.items)}${noteOf(transfer)}`;
}
