import { z } from 'zod';

/** The building blocks every schema is made of: text as people type it, ids, money, dates. */
export const isoDate = z
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
export const noControlCharacters = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/;

// Half of a character: a UTF-16 surrogate without its partner (JSON's "\ud800"). JavaScript keeps
// it, PostgreSQL refuses it, so it would fail on the write instead of here.
export const wellFormed = /^(?:[^\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])*$/;

/** Text as a person types it, on every path in (forms, JSON, query strings, file names). */
export const typedText = (max: number) =>
	z
		.string({ error: 'must be text' })
		.trim()
		.max(max, `must be at most ${max} characters`)
		.regex(noControlCharacters, 'must not contain control characters')
		.regex(wellFormed, 'must not contain a broken character (half of a UTF-16 pair)');

export const text = (max: number) => typedText(max).min(1, 'is required');

export const optionalText = (max: number) =>
	typedText(max)
		.transform((value) => value || null)
		.nullable()
		.optional();

export const id = z
	.number({ error: 'must be a whole number' })
	.int('must be a whole number')
	.positive('must be positive')
	.max(2_147_483_647, 'is out of range');

export const version = z
	.number({ error: 'must be the version number of the order you last saw' })
	.int('must be a whole number')
	.min(1, 'must be at least 1')
	.max(2_147_483_647, 'is out of range');

export const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
	z.enum(values, { error: `must be one of ${values.join(', ')}` });

/** Money in integer cents: 125000 is 1,250.00. */
export const cents = z
	.number({ error: 'must be an amount in cents (a whole number)' })
	.int('must be a whole number of cents')
	.min(0, 'must not be negative')
	.max(100_000_000_000, 'is too large');

export const email = z
	.email('must be an email address')
	.max(200, 'must be at most 200 characters')
	.nullable()
	.optional()
	.or(z.literal('').transform(() => null));

export const phone = optionalText(40).refine(
	(value) => value == null || /^[+()\d\s.\-/x]{3,}$/i.test(value),
	'must be a phone number (digits, spaces, + ( ) - .)'
);

export const wholeNumber = (min: number, max: number) =>
	z
		.string()
		.regex(/^\d{1,15}$/, `must be a whole number from ${min} to ${max}`)
		.transform(Number)
		.refine(
			(value) => value >= min && value <= max,
			`must be a whole number from ${min} to ${max}`
		);
