import { z } from 'zod';
import { BOARD_STAGES } from './stages';
import {
	ATTACHMENT_KINDS,
	CONTACT_PREFERENCES,
	ITEM_KINDS,
	PAYMENT_KINDS,
	PAYMENT_METHODS,
	PIECE_TYPES,
	SIZE_SCALES,
	STONE_ROLES,
	STONE_SOURCES,
	STONE_STATES,
	VENDOR_KINDS,
	WEIGHT_UNITS
} from './vocabulary';

/** One schema per command, used alike by form actions, the JSON API and the socket. */

const isoDate = z
	.string({ error: 'must be a date like 2026-06-14' })
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-06-14')
	.refine((value) => {
		const date = new Date(`${value}T00:00:00Z`);
		return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
	}, 'is not a real calendar date')
	.refine(
		(value) => value >= '1900-01-01' && value <= '2999-12-31',
		'must be between 1900 and 2999'
	);

// Control characters (NUL above all, which PostgreSQL refuses) have no place in a shop's text.
// eslint-disable-next-line no-control-regex
const noControlCharacters = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/;

// Half of a character: a UTF-16 surrogate without its partner (JSON's "\ud800"). JavaScript keeps
// it, PostgreSQL refuses it, so it would fail on the write instead of here.
const wellFormed = /^(?:[^\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])*$/;

/** Text as a person types it, on every path in (forms, JSON, query strings, file names). */
export const typedText = (max: number) =>
	z
		.string({ error: 'must be text' })
		.trim()
		.max(max, `must be at most ${max} characters`)
		.regex(noControlCharacters, 'must not contain control characters')
		.regex(wellFormed, 'must not contain a broken character (half of a UTF-16 pair)');

export const text = (max: number) => typedText(max).min(1, 'is required');

const optionalText = (max: number) =>
	typedText(max)
		.transform((value) => value || null)
		.nullable()
		.optional();

const id = z
	.number({ error: 'must be a whole number' })
	.int('must be a whole number')
	.positive('must be positive')
	.max(2_147_483_647, 'is out of range');

const version = z
	.number({ error: 'must be the version number of the order you last saw' })
	.int('must be a whole number')
	.min(1, 'must be at least 1')
	.max(2_147_483_647, 'is out of range');

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
	z.enum(values, { error: `must be one of ${values.join(', ')}` });

/** Money in integer cents: 125000 is 1,250.00. */
const cents = z
	.number({ error: 'must be an amount in cents (a whole number)' })
	.int('must be a whole number of cents')
	.min(0, 'must not be negative')
	.max(100_000_000_000, 'is too large');

const email = z
	.email('must be an email address')
	.max(200, 'must be at most 200 characters')
	.nullable()
	.optional()
	.or(z.literal('').transform(() => null));

const phone = optionalText(40).refine(
	(value) => value == null || /^[+()\d\s.\-/x]{3,}$/i.test(value),
	'must be a phone number (digits, spaces, + ( ) - .)'
);

const customerFields = {
	givenName: text(80),
	familyName: text(80),
	phone,
	email,
	preferredContact: oneOf(CONTACT_PREFERENCES).optional(),
	ringSizes: optionalText(200),
	notes: optionalText(4000),
	notificationsOff: z.boolean({ error: 'must be true or false' }).optional()
};

export const newCustomerSchema = z.strictObject(customerFields);

/** The fields of a customer's profile, in the order a form shows them. */
export const CUSTOMER_FIELDS = Object.keys(customerFields) as (keyof typeof customerFields)[];

export const updateCustomerSchema = z
	.strictObject({
		givenName: customerFields.givenName.optional(),
		familyName: customerFields.familyName.optional(),
		phone: customerFields.phone,
		email: customerFields.email,
		preferredContact: customerFields.preferredContact,
		ringSizes: customerFields.ringSizes,
		notes: customerFields.notes,
		notificationsOff: customerFields.notificationsOff
	})
	.refine((input) => Object.keys(input).length > 0, {
		message: 'must name at least one field to change'
	});

/** A finger size is read on its own scale; a length is a plain number. */
export function sizeProblem(value: string, scale: string): string | null {
	switch (scale) {
		case 'US':
			return /^\d{1,2}(\.(0|25|5|75))?$/.test(value) && Number(value) <= 16
				? null
				: 'must be a US size from 0 to 16 in quarter sizes, like 6.5';
		case 'UK':
			return /^[A-Z](½|1\/2)?$/.test(value)
				? null
				: 'must be a UK size letter A to Z, like M or M½';
		case 'EU':
			return /^\d{2}(\.5)?$/.test(value) && Number(value) >= 38 && Number(value) <= 76
				? null
				: 'must be an EU size from 38 to 76, like 53';
		default:
			return /^\d{1,3}(\.\d{1,2})?$/.test(value) && Number(value) > 0
				? null
				: 'must be a length, like 18 or 16.5';
	}
}

/** The piece's fields, shared by creating and editing an order. */
const pieceFields = {
	pieceType: oneOf(PIECE_TYPES).optional(),
	metal: optionalText(80),
	sizeValue: optionalText(12),
	sizeScale: oneOf(SIZE_SCALES).nullable().optional(),
	dimensions: optionalText(120),
	finish: optionalText(120),
	engravingText: optionalText(200),
	engravingFont: optionalText(80),
	designNotes: optionalText(10000),
	customerRequests: optionalText(10000),
	occasion: optionalText(120),
	quotedPriceCents: cents.nullable().optional()
};

/** Size and scale go together: a size needs its scale, and must read right on it. */
function checkSize(
	input: { sizeValue?: string | null; sizeScale?: string | null },
	context: z.RefinementCtx
) {
	if (input.sizeValue === undefined && input.sizeScale === undefined) return;
	const value = input.sizeValue ?? null;
	const scale = input.sizeScale ?? null;
	if (value === null && scale === null) return;
	if (value === null || scale === null) {
		context.addIssue({
			code: 'custom',
			path: [value === null ? 'sizeValue' : 'sizeScale'],
			message:
				value === null
					? 'is required with a size scale'
					: 'is required with a size (US, UK, EU, in or cm)'
		});
		return;
	}
	const problem = sizeProblem(value, scale);
	if (problem) context.addIssue({ code: 'custom', path: ['sizeValue'], message: problem });
}

export const createOrderSchema = z
	.strictObject({
		customer: z.union([z.strictObject({ id }), newCustomerSchema], {
			error: 'must be { "id": <existing customer> } or a new customer with givenName and familyName'
		}),
		title: text(120),
		dueDate: isoDate.nullable().optional(),
		rush: z.boolean({ error: 'must be true or false' }).optional(),
		assignee: optionalText(80),
		...pieceFields
	})
	.superRefine(checkSize);

/** Every field of an order that an edit may change (not its stage: that is a move). */
export const ORDER_FIELDS = [
	'title',
	'dueDate',
	'rush',
	'assignee',
	...(Object.keys(pieceFields) as (keyof typeof pieceFields)[])
] as const;

/**
 * Design notes and customer requests are live documents edited together (the notes websocket):
 * an order is created with their first text, and they are never overwritten by an edit.
 */
const LIVE_NOTE = z.never({
	error: 'is a live note now: edit it on the order page, where everyone on the order sees it'
});

/** The fields an edit may change: all of an order's, but its live notes. */
export const EDITABLE_ORDER_FIELDS = ORDER_FIELDS.filter(
	(field) => field !== 'designNotes' && field !== 'customerRequests'
);

export const updateOrderSchema = z
	.strictObject({
		version,
		title: text(120).optional(),
		dueDate: isoDate.nullable().optional(),
		rush: z.boolean({ error: 'must be true or false' }).optional(),
		assignee: optionalText(80),
		...pieceFields,
		designNotes: LIVE_NOTE.optional(),
		customerRequests: LIVE_NOTE.optional()
	})
	.refine((input) => Object.keys(input).length > 1, {
		message: `must name at least one field to change: ${EDITABLE_ORDER_FIELDS.join(', ')}`
	});

const stoneFields = {
	role: oneOf(STONE_ROLES),
	source: oneOf(STONE_SOURCES),
	vendorId: id.nullable().optional(),
	gem: text(80),
	shape: optionalText(40),
	count: z
		.number({ error: 'must be a whole number' })
		.int('must be a whole number')
		.min(1, 'must be at least 1')
		.max(10000, 'must be at most 10000')
		.optional(),
	carats: z
		.number({ error: 'must be a weight in carats, like 1.52' })
		.positive('must be more than 0')
		.max(10000, 'must be at most 10000 ct')
		.refine((value) => Math.abs(value * 1000 - Math.round(value * 1000)) < 1e-6, {
			message: 'must have at most 3 decimals'
		})
		.nullable()
		.optional(),
	dimensionsMm: optionalText(60),
	colour: optionalText(40),
	clarity: optionalText(40),
	certLab: optionalText(40),
	certNumber: optionalText(40),
	declaredValueCents: cents.nullable().optional(),
	state: oneOf(STONE_STATES).optional()
};

/** A customer's stone carries a declared value and no vendor; a sourced one the reverse. */
function checkStoneSource(
	input: { source?: string; vendorId?: number | null; declaredValueCents?: number | null },
	context: z.RefinementCtx
) {
	if (input.source === 'store' && input.declaredValueCents != null) {
		context.addIssue({
			code: 'custom',
			path: ['declaredValueCents'],
			message: 'is only for customer-supplied stones'
		});
	}
	if (input.source === 'customer' && input.vendorId != null) {
		context.addIssue({
			code: 'custom',
			path: ['vendorId'],
			message: 'is only for stones sourced by the store'
		});
	}
}

export const addStoneSchema = z.strictObject(stoneFields).superRefine(checkStoneSource);

export const updateStoneSchema = z
	.strictObject({
		version,
		...Object.fromEntries(
			Object.entries(stoneFields).map(([name, schema]) => [name, schema.optional()])
		)
	} as { version: typeof version } & {
		[K in keyof typeof stoneFields]: z.ZodOptional<(typeof stoneFields)[K]>;
	})
	.refine((input) => Object.keys(input).length > 1, {
		message: 'must name at least one field to change'
	});

export const STONE_FIELDS = Object.keys(stoneFields) as (keyof typeof stoneFields)[];

/** Each stone field's own rule, for the form to check a value before it is sent. */
export const STONE_FIELD_SCHEMAS = stoneFields;

export const removeStoneSchema = z.strictObject({ version });

const vendorFields = {
	name: text(120),
	kind: oneOf(VENDOR_KINDS),
	contactName: optionalText(120),
	phone,
	email,
	notes: optionalText(2000)
};
export const newVendorSchema = z.strictObject(vendorFields);
export const updateVendorSchema = z
	.strictObject({
		name: vendorFields.name.optional(),
		kind: vendorFields.kind.optional(),
		contactName: vendorFields.contactName,
		phone: vendorFields.phone,
		email: vendorFields.email,
		notes: vendorFields.notes
	})
	.refine((input) => Object.keys(input).length > 0, {
		message: 'must name at least one field to change'
	});

const jobFields = {
	vendorId: id,
	description: text(300),
	sentOn: isoDate.nullable().optional(),
	expectedOn: isoDate.nullable().optional(),
	receivedOn: isoDate.nullable().optional(),
	costCents: cents.nullable().optional()
};
export const addVendorJobSchema = z.strictObject(jobFields);
export const updateVendorJobSchema = z
	.strictObject({
		version,
		vendorId: jobFields.vendorId.optional(),
		description: jobFields.description.optional(),
		sentOn: jobFields.sentOn,
		expectedOn: jobFields.expectedOn,
		receivedOn: jobFields.receivedOn,
		costCents: jobFields.costCents
	})
	.refine((input) => Object.keys(input).length > 1, {
		message: 'must name at least one field to change'
	});
export const VENDOR_JOB_FIELDS = Object.keys(jobFields) as (keyof typeof jobFields)[];

export const recordPaymentSchema = z.strictObject({
	kind: oneOf(PAYMENT_KINDS),
	amountCents: cents.min(1, 'must be more than 0'),
	method: oneOf(PAYMENT_METHODS),
	paidOn: isoDate.optional(),
	note: optionalText(300)
});

export const addBlockerSchema = z.strictObject({ description: text(200) });

export const attachmentMetaSchema = z.object({
	kind: oneOf(ATTACHMENT_KINDS).default('reference'),
	/** A photo of one of the customer's items, taken at check-in (the query carries it as text). */
	itemId: z
		.string({ error: 'must be the number of one of the order’s items' })
		.regex(/^[1-9]\d{0,8}$/, 'must be the number of one of the order’s items')
		.transform(Number)
		.optional(),
	// One line of plain text: no tab or line break (it goes into a Content-Disposition header),
	// and no direction marks that would show "gpj.exe" as "exe.jpg".
	fileName: typedText(200)
		.regex(
			/^[^\t\n\r\u200e\u200f\u202a-\u202e\u2066-\u2069]*$/,
			'must be one line of plain text (no tabs, line breaks or direction marks)'
		)
		.transform((value) => value || null)
		.optional(),
	caption: optionalText(300)
});

export const searchQuerySchema = z.object({
	q: text(100),
	limit: z
		.string()
		.regex(/^\d{1,3}$/, 'must be a whole number from 1 to 50')
		.transform(Number)
		.refine((value) => value >= 1 && value <= 50, 'must be a whole number from 1 to 50')
		.default(10)
});

export const moveOrderSchema = z.strictObject({
	stage: z.enum(BOARD_STAGES, { error: `must be one of ${BOARD_STAGES.join(', ')}` }),
	afterId: id.nullable(),
	version
});

/**
 * Releasing a finished piece: every customer item still in the store's care is named as handed
 * back, and a balance still owed needs a manager's override with a reason.
 */
export const pickUpOrderSchema = z.strictObject({
	version,
	returnedItemIds: z
		.array(id, { error: 'must be a list of the items handed back' })
		.max(200, 'must list at most 200 items')
		.default([]),
	overrideReason: optionalText(300)
});

const weight = z
	.number({ error: 'must be a weight, like 1.52' })
	.positive('must be more than 0')
	.max(100000, 'must be at most 100000')
	.refine((value) => Math.abs(value * 1000 - Math.round(value * 1000)) < 1e-6, {
		message: 'must have at most 3 decimals'
	});

/** Where an item goes: a person on the staff, a vendor, or a place in the shop. */
const holderSchema = z.discriminatedUnion(
	'kind',
	[
		z.strictObject({ kind: z.literal('person'), userId: id }),
		z.strictObject({ kind: z.literal('vendor'), vendorId: id }),
		z.strictObject({ kind: z.literal('place'), place: text(80) })
	],
	{ error: 'must say who or where: a person, a vendor or a place' }
);

export const checkInItemSchema = z.strictObject({
	kind: oneOf(ITEM_KINDS),
	description: text(300),
	weight: weight.nullable().optional(),
	weightUnit: oneOf(WEIGHT_UNITS),
	declaredValueCents: cents.nullable().optional(),
	/** Who takes it from the customer; the person checking it in when left out. */
	to: holderSchema.optional(),
	note: optionalText(300)
});

export const handOffItemSchema = z.strictObject({
	version,
	to: holderSchema,
	weight: weight.nullable().optional(),
	note: optionalText(300)
});

export const returnItemSchema = z.strictObject({
	version,
	weight: weight.nullable().optional(),
	note: optionalText(300)
});

export const undoSchema = z.strictObject({
	seq: z
		.number({ error: 'must be the number of the change to undo' })
		.int('must be a whole number')
		.positive('must be positive')
});

const wholeNumber = (min: number, max: number) =>
	z
		.string()
		.regex(/^\d{1,15}$/, `must be a whole number from ${min} to ${max}`)
		.transform(Number)
		.refine(
			(value) => value >= min && value <= max,
			`must be a whole number from ${min} to ${max}`
		);

export const eventsQuerySchema = z.object({
	after: wholeNumber(0, Number.MAX_SAFE_INTEGER),
	limit: wholeNumber(1, 1000).default(1000)
});

export type CreateOrderInput = z.infer<typeof createOrderSchema>;
export type UpdateOrderInput = z.infer<typeof updateOrderSchema>;
export type MoveOrderInput = z.infer<typeof moveOrderSchema>;
export type PickUpOrderInput = z.infer<typeof pickUpOrderSchema>;

export const customerListQuerySchema = z.object({
	q: typedText(100).optional(),
	limit: wholeNumber(1, 200).default(50),
	offset: wholeNumber(0, 1_000_000).default(0)
});

const days = z
	.number({ error: 'must be a number of days' })
	.int('must be a whole number of days')
	.min(1, 'must be at least 1 day')
	.max(365, 'must be at most 365 days');

export const stageThresholdsSchema = z
	.strictObject(
		Object.fromEntries(BOARD_STAGES.map((stage) => [stage, days.optional()])) as Record<
			(typeof BOARD_STAGES)[number],
			z.ZodOptional<typeof days>
		>
	)
	.refine((input) => Object.keys(input).length > 0, {
		message: `must name at least one stage: ${BOARD_STAGES.join(', ')}`
	});

export const displayOptionsSchema = z
	.strictObject({
		stages: z
			.array(z.enum(BOARD_STAGES, { error: `must be one of ${BOARD_STAGES.join(', ')}` }), {
				error: 'must be a list of stages'
			})
			.min(1, 'must name at least one stage')
			.max(BOARD_STAGES.length, 'names a stage twice')
			.refine((stages) => new Set(stages).size === stages.length, 'names a stage twice')
			.optional(),
		sort: z.enum(['manual', 'due'], { error: 'must be manual or due' }).optional(),
		showAssignee: z.boolean({ error: 'must be true or false' }).optional()
	})
	.refine((input) => Object.keys(input).length > 0, {
		message: 'must name at least one option: stages, sort or showAssignee'
	});

/** A message staff send from the order page ("ready" goes by itself when the piece is ready). */
export const sendMessageSchema = z
	.strictObject({
		kind: z.enum(['cad_ready', 'quote_approval', 'message'], {
			error: 'must be one of cad_ready, quote_approval, message'
		}),
		message: optionalText(2000)
	})
	.refine((input) => input.kind !== 'message' || !!input.message, {
		path: ['message'],
		message: 'is required for a message of your own'
	});

export const messageSettingsSchema = z
	.strictObject({
		enabled: z.boolean({ error: 'must be true or false' }).optional(),
		openingHours: text(200).optional(),
		templates: z
			.strictObject(
				Object.fromEntries(
					['ready', 'cad_ready', 'quote_approval', 'message'].map((kind) => [
						kind,
						z
							.strictObject({ subject: text(200), body: text(4000) })
							.nullable()
							.optional()
					])
				)
			)
			.optional()
	})
	.refine((input) => Object.keys(input).length > 0, { message: 'must name something to change' });

/** IANA time zones as this runtime knows them ("UTC" is one, though not listed). */
export const TIME_ZONES = ['UTC', ...Intl.supportedValuesOf('timeZone')];
/** ISO 4217 codes as this runtime knows them. */
export const CURRENCIES = Intl.supportedValuesOf('currency');

const knownLocale = (tag: string) => {
	try {
		return Intl.DateTimeFormat.supportedLocalesOf(Intl.getCanonicalLocales(tag)).length > 0;
	} catch {
		return false;
	}
};

/** The shop's profile: blanks clear the optional parts (a shop may have no website). */
export const shopProfileSchema = z
	.strictObject({
		name: text(80).optional(),
		address: typedText(300).optional(),
		phone: typedText(40)
			.refine(
				(value) => value === '' || /^[+()\d\s.\-/x]{3,}$/i.test(value),
				'must be a phone number (digits, spaces, + ( ) - .)'
			)
			.optional(),
		email: z
			.literal('')
			.or(z.email('must be an email address').max(200, 'must be at most 200 characters'))
			.optional(),
		website: z
			.literal('')
			.or(
				z
					.url({ protocol: /^https?$/, error: 'must be a web address starting with https://' })
					.max(200, 'must be at most 200 characters')
			)
			.optional(),
		timeZone: z
			.string({ error: 'must be a time zone' })
			.refine((zone) => TIME_ZONES.includes(zone), 'must be a time zone such as Europe/Paris')
			.optional(),
		currency: z
			.string({ error: 'must be a currency code' })
			.refine((code) => CURRENCIES.includes(code), 'must be a currency code such as USD or EUR')
			.optional(),
		locale: z
			.string({ error: 'must be a language tag' })
			.max(35, 'must be at most 35 characters')
			.refine(knownLocale, 'must be a language and region such as en-US or fr-FR')
			.transform((tag) => Intl.getCanonicalLocales(tag)[0])
			.optional()
	})
	.refine((input) => Object.keys(input).length > 0, { message: 'must name something to change' });
