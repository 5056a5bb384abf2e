import { z } from 'zod';
import { STONE_ROLES, STONE_SOURCES, STONE_STATES } from '../words/vocabulary';
import { cents, id, oneOf, optionalText, text, version } from './fields';

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
