import { z } from 'zod';
import { BOARD_STAGES } from './stages';

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

const text = (max: number) =>
	z
		.string({ error: 'must be text' })
		.trim()
		.min(1, 'is required')
		.max(max, `must be at most ${max} characters`)
		.regex(noControlCharacters, 'must not contain control characters');

const optionalText = (max: number) =>
	z
		.string({ error: 'must be text' })
		.trim()
		.max(max, `must be at most ${max} characters`)
		.regex(noControlCharacters, 'must not contain control characters')
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

export const newCustomerSchema = z.strictObject({
	givenName: text(80),
	familyName: text(80),
	phone: optionalText(40),
	email: z
		.email('must be an email address')
		.max(200)
		.nullable()
		.optional()
		.or(z.literal('').transform(() => null))
});

export const createOrderSchema = z.strictObject({
	customer: z.union([z.strictObject({ id }), newCustomerSchema], {
		error: 'must be { "id": <existing customer> } or a new customer with givenName and familyName'
	}),
	title: text(120),
	dueDate: isoDate.nullable().optional(),
	rush: z.boolean({ error: 'must be true or false' }).optional(),
	assignee: optionalText(80)
});

export const updateOrderSchema = z
	.strictObject({
		version,
		title: text(120).optional(),
		dueDate: isoDate.nullable().optional(),
		rush: z.boolean({ error: 'must be true or false' }).optional(),
		assignee: optionalText(80)
	})
	.refine((input) => Object.keys(input).length > 1, {
		message: 'must name at least one field to change: title, dueDate, rush or assignee'
	});

export const moveOrderSchema = z.strictObject({
	stage: z.enum(BOARD_STAGES, { error: `must be one of ${BOARD_STAGES.join(', ')}` }),
	afterId: id.nullable(),
	version
});

export const pickUpOrderSchema = z.strictObject({ version });

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
