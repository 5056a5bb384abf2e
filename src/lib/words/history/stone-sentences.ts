import {
	PAYMENT_KIND_LABELS,
	PAYMENT_METHOD_LABELS,
	type PaymentKind,
	type PaymentMethod,
	type StoneRole
} from '../vocabulary';
import {
	fieldsOf,
	isEmpty,
	type Fields,
	type HistoryEntry,
	type JobSubject,
	type StoneSubject,
	type WordsContext
} from './entry';

/** The history's sentences about stones, payments, photos and outside work. */

export const ROLE_NOUNS: Record<StoneRole, string> = {
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

export const STONE_FIELD_NOUNS: Record<string, string> = {
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

export function stoneValue(field: string, value: unknown, words: WordsContext): string {
	if (isEmpty(value)) return 'none';
	if (field === 'carats') return `${value} ct`;
	if (field === 'declaredValueCents') return words.format.amount(Number(value));
	return String(value);
}

export const STATE_WORDS: Record<string, (name: string) => string> = {
	expected: (name) => `marked ${name} expected`,
	received: (name) => `marked ${name} received`,
	set: (name) => `marked ${name} set`,
	returned: (name) => `returned ${name} to the customer`
};

export function stoneAdded(entry: HistoryEntry, words: WordsContext): string {
	const stone = fieldsOf(entry.detail?.after);
	const name = stoneName({ ...(entry.subject as StoneSubject), ...(stone as StoneSubject) });
	const declared = stone.declaredValueCents;
	return `added ${name}${isEmpty(declared) ? '' : `, declared at ${words.format.amount(Number(declared))}`}`;
}

export function stoneUpdated(entry: HistoryEntry, words: WordsContext): string {
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

export function payment(entry: HistoryEntry, words: WordsContext): string {
	const paid = fieldsOf(entry.detail?.after);
	if (isEmpty(paid.amountCents)) return 'recorded a payment';
	const kind = (PAYMENT_KIND_LABELS[paid.kind as PaymentKind] ?? 'Payment').toLowerCase();
	const method = PAYMENT_METHOD_LABELS[paid.method as PaymentMethod]?.toLowerCase();
	const amount = words.format.amount(Number(paid.amountCents));
	return `recorded a ${kind} of ${amount}${method ? ` (${method})` : ''}`;
}

export function fileNoun(file: Fields): string {
	const name = String(file.fileName ?? '');
	if (file.mediaType === 'application/pdf' || /\.pdf$/i.test(name)) return 'a document';
	return file.kind === 'design' ? 'a sketch' : 'a photo';
}

export function attachment(entry: HistoryEntry): string {
	const added = entry.type === 'attachment.added';
	const file = fieldsOf(added ? entry.detail?.after : entry.detail?.before);
	const name = file.fileName ? ` (${file.fileName})` : '';
	return `${added ? 'added' : 'removed'} ${fileNoun(file)}${name}`;
}

export const JOB_FIELD_NOUNS: Record<string, string> = {
	vendorId: 'vendor',
	description: 'work',
	sentOn: 'sent',
	expectedOn: 'expected back',
	receivedOn: 'back',
	costCents: 'cost'
};

export function jobValue(field: string, value: unknown, words: WordsContext): string {
	if (isEmpty(value)) return 'none';
	if (field === 'costCents') return words.format.amount(Number(value));
	if (field.endsWith('On')) return words.format.day(String(value), words.today);
	return String(value);
}

export function vendorJob(entry: HistoryEntry, words: WordsContext): string {
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
