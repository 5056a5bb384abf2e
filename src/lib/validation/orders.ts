import { z } from 'zod';
import { BOARD_STAGES } from '../stages';
import { PIECE_TYPES, SIZE_SCALES } from '../words/vocabulary';
import { newCustomerSchema } from './customers';
import { depositSchema } from './order-details';
import { addStoneSchema } from './stones';
import { cents, id, isoDate, oneOf, optionalText, text, version, wholeNumber } from './fields';

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
		...pieceFields,
		/** What the customer brought or the shop will source, taken in with the order. */
		stones: z
			.array(addStoneSchema, { error: 'must be a list of stones' })
			.max(20, 'must list at most 20 stones')
			.optional(),
		/** The money taken at the counter, recorded as the order's first payment. */
		deposit: depositSchema.optional(),
		/** Where the order is taken in (default: the person's home location, else the first store). */
		intakeLocationId: id.optional(),
		/** The store the customer picks the piece up at (default: the intake one if a store). */
		pickupLocationId: id.optional()
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

/** The fields an edit may change: all of an order's, but its live notes; and its pickup store. */
export const EDITABLE_ORDER_FIELDS = [
	...ORDER_FIELDS.filter((field) => field !== 'designNotes' && field !== 'customerRequests'),
	'pickupLocationId'
] as const;

export const updateOrderSchema = z
	.strictObject({
		version,
		title: text(120).optional(),
		dueDate: isoDate.nullable().optional(),
		rush: z.boolean({ error: 'must be true or false' }).optional(),
		assignee: optionalText(80),
		...pieceFields,
		designNotes: LIVE_NOTE.optional(),
		customerRequests: LIVE_NOTE.optional(),
		pickupLocationId: id.optional()
	})
	.refine((input) => Object.keys(input).length > 1, {
		message: `must name at least one field to change: ${EDITABLE_ORDER_FIELDS.join(', ')}`
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

export const undoSchema = z.strictObject({
	seq: z
		.number({ error: 'must be the number of the change to undo' })
		.int('must be a whole number')
		.positive('must be positive')
});

export const eventsQuerySchema = z.object({
	after: wholeNumber(0, Number.MAX_SAFE_INTEGER),
	limit: wholeNumber(1, 1000).default(1000)
});

export type CreateOrderInput = z.infer<typeof createOrderSchema>;
export type UpdateOrderInput = z.infer<typeof updateOrderSchema>;
export type MoveOrderInput = z.infer<typeof moveOrderSchema>;
export type PickUpOrderInput = z.infer<typeof pickUpOrderSchema>;
