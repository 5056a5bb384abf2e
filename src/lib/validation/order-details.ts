import { z } from 'zod';
import {
	ATTACHMENT_KINDS,
	ITEM_KINDS,
	PAYMENT_KINDS,
	PAYMENT_METHODS,
	WEIGHT_UNITS
} from '../words/vocabulary';
import { cents, id, isoDate, oneOf, optionalText, text, typedText, version } from './fields';

/** Payments, blockers, photos and the customer's items in the shop's care. */
export const recordPaymentSchema = z.strictObject({
	kind: oneOf(PAYMENT_KINDS),
	amountCents: cents.min(1, 'must be more than 0'),
	method: oneOf(PAYMENT_METHODS),
	paidOn: isoDate.optional(),
	note: optionalText(300)
});

/** A deposit taken with a new order: a payment of kind deposit. */
export const depositSchema = recordPaymentSchema.omit({ kind: true });

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

/** An item travelling with the piece, weighed as it leaves or arrives (in the item's unit). */
const travellingItem = z.strictObject({ id, weight: weight.nullable().optional() });
const travellingItems = z
	.array(travellingItem, { error: 'must be a list of items, each with its id' })
	.max(100, 'must list at most 100 items')
	.refine((items) => new Set(items.map((item) => item.id)).size === items.length, {
		message: 'must name each item once'
	})
	.optional();

/** Sending the piece (and the customer's items with it) to another location. */
export const sendTransferSchema = z.strictObject({
	version,
	toLocationId: id,
	items: travellingItems,
	note: optionalText(300)
});

/** Receiving the piece where it was sent, each item weighed on arrival. */
export const receiveTransferSchema = z.strictObject({
	version,
	items: travellingItems,
	note: optionalText(300)
});
