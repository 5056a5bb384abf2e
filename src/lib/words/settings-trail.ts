import { MESSAGE_KIND_LABELS, type MessageKind } from './message-templates';
import { SHOP_FIELD_LABELS, type ShopProfile } from '../shop';
import { BOARD_STAGES, STAGE_LABELS, type Stage } from '../stages';
import { VENDOR_FIELD_LABELS, VENDOR_KIND_LABELS, type VendorKind } from './vocabulary';

/** Which part of the settings a change was to; a wall display's options carry its id. */
export type SettingsSection =
	| 'profile'
	| 'stuck'
	| 'wip'
	| 'messages'
	| 'locations'
	| `display:${number}`
	| `vendor:${number}`
	| `webhook:${number}`;

/** A change to the shop's settings, as the owner's trail lists it. */
export interface SettingsChange {
	id: number;
	at: string;
	actor: string;
	section: string;
	/** The display or the vendor a `display:` or `vendor:` change was to, by its name now. */
	subject: string | null;
	before: Record<string, unknown>;
	after: Record<string, unknown>;
}

export interface ChangeLine {
	label: string;
	before: string;
	after: string;
}

const NONE = '(none)';
const text = (value: unknown) => (value === '' || value == null ? NONE : String(value));
const stages = (value: unknown) =>
	Array.isArray(value)
		? value.map((stage) => STAGE_LABELS[stage as Stage] ?? stage).join(', ')
		: NONE;
/** A message template as the trail shows it: its subject, or the start of its words. */
const template = (value: unknown) => {
	if (value == null) return 'the built-in wording';
	const { subject, body } = value as { subject?: string; body?: string };
	const words = subject || body || '';
	return words.length > 60 ? `“${words.slice(0, 59)}…”` : `“${words}”`;
};

const wipLimit = (value: unknown) =>
	value == null ? 'no limit' : value === 1 ? '1 order' : `${text(value)} orders`;
/** A work-in-progress limit's field: "stage:design", "perJeweler" or "jeweler:Priya". */
const wipLabel = (field: string) => {
	if (field === 'perJeweler') return 'Limit per jeweler';
	if (field.startsWith('stage:')) {
		const stage = field.slice('stage:'.length) as Stage;
		return `Limit in ${STAGE_LABELS[stage] ?? stage}`;
	}
	return `Limit for ${field.replace(/^jeweler:/, '')}`;
};

/** A webhook endpoint's field in words (its secret never: only that it was made new). */
function webhookWords(field: string): [string, (value: unknown) => string] {
	const labels: Record<string, string> = {
		url: 'URL',
		description: 'Description',
		eventTypes: 'Events',
		role: 'Payloads as seen by',
		allowPrivate: 'Private addresses',
		enabled: 'Deliveries',
		secret: 'Signing secret',
		exists: 'Endpoint'
	};
	const label = labels[field] ?? field;
	if (field === 'eventTypes')
		return [label, (value) => (Array.isArray(value) ? value.join(', ') : NONE)];
	if (field === 'allowPrivate') return [label, (value) => (value ? 'allowed' : 'refused')];
	if (field === 'enabled') return [label, (value) => (value ? 'on' : 'off')];
	if (field === 'exists') return [label, (value) => (value ? 'added' : NONE)];
	return [label, text];
}

const LOCATION_FIELD_LABELS: Record<string, string> = {
	name: 'name',
	kind: 'kind',
	address: 'address',
	phone: 'phone',
	hours: 'hours',
	timeZone: 'time zone',
	archived: 'in use',
	home: 'home location'
};

/**
 * A location's change is kept under its name, with the fields that differ ("address: 12 Quay
 * St"); the shop-wide transfer alert is its own field.
 */
function locationWords(field: string): [string, (value: unknown) => string] {
	if (field === 'transferAlertHours')
		return ['Transfer flagged after', (value) => (value === 1 ? '1 hour' : `${text(value)} hours`)];
	const shown = (value: unknown) => {
		if (value == null) return NONE;
		const entries = Object.entries(value as Record<string, unknown>).map(([name, part]) =>
			name === 'archived'
				? `${LOCATION_FIELD_LABELS[name]}: ${part ? 'no (archived)' : 'yes'}`
				: `${LOCATION_FIELD_LABELS[name] ?? name}: ${text(part).replace(/\n/g, ', ')}`
		);
		return entries.join('; ') || NONE;
	};
	return [field, shown];
}

/** What one section's field is called, and how its values read. */
function wordsFor(section: string, field: string): [string, (value: unknown) => string] {
	if (section === 'profile')
		return [
			SHOP_FIELD_LABELS[field as keyof ShopProfile] ?? field,
			field === 'logo' ? (value) => (value ? 'an image' : NONE) : text
		];
	if (section === 'stuck')
		return [
			`Stuck in ${STAGE_LABELS[field as Stage] ?? field} after`,
			(value) => (value === 1 ? '1 day' : `${text(value)} days`)
		];
	if (section === 'wip') return [wipLabel(field), wipLimit];
	if (section === 'messages') {
		if (field === 'enabled') return ['Customer messages', (value) => (value ? 'on' : 'off')];
		if (field === 'openingHours') return ['Opening hours', text];
		const kind = field.replace(/^template:/, '') as MessageKind;
		return [`Message: ${MESSAGE_KIND_LABELS[kind] ?? kind}`, template];
	}
	if (section.startsWith('vendor:')) {
		const label = VENDOR_FIELD_LABELS[field as keyof typeof VENDOR_FIELD_LABELS] ?? field;
		if (field === 'kind')
			return [label, (value) => VENDOR_KIND_LABELS[value as VendorKind] ?? text(value)];
		return [label, text];
	}
	if (section.startsWith('webhook:')) return webhookWords(field);
	if (section === 'locations') return locationWords(field);
	if (field === 'stages') return ['Stages shown', stages];
	if (field === 'sort')
		return [
			'Order in a column',
			(value) => (value === 'due' ? 'soonest due first' : 'as on the board')
		];
	if (field === 'showAssignee') return ['Assignee', (value) => (value ? 'shown' : 'hidden')];
	return [field, text];
}

/** The part of the settings a change was to, in words: "The shop", "Display Workshop TV". */
export function sectionTitle(change: Pick<SettingsChange, 'section' | 'subject'>): string {
	if (change.section === 'profile') return 'The shop';
	if (change.section === 'stuck') return 'Stuck after';
	if (change.section === 'wip') return 'Work-in-progress limits';
	if (change.section === 'messages') return 'Customer messages';
	if (change.section === 'locations') return 'Locations';
	if (change.section.startsWith('vendor:')) return `Vendor ${change.subject ?? ''}`.trim();
	if (change.section.startsWith('webhook:')) return `Webhook ${change.subject ?? '(removed)'}`;
	return `Display ${change.subject ?? '(removed)'}`;
}

/** Each changed field of a change, with its before and after in words. */
export function changeLines(change: SettingsChange): ChangeLine[] {
	// A vendor's fields in the form's order (the database keeps them shortest name first); limits
	// stage by stage through the workshop, then the jewelers'.
	const order: readonly string[] = change.section.startsWith('vendor:')
		? Object.keys(VENDOR_FIELD_LABELS)
		: change.section === 'wip'
			? [...BOARD_STAGES.map((stage) => `stage:${stage}`), 'perJeweler']
			: [];
	const rank = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length);
	const byName = change.section === 'wip';
	const fields = Object.keys(change.after).sort(
		(a, b) => rank(a) - rank(b) || (byName ? a.localeCompare(b) : 0)
	);
	return fields.map((field) => {
		const [label, shown] = wordsFor(change.section, field);
		return { label, before: shown(change.before[field]), after: shown(change.after[field]) };
	});
}
