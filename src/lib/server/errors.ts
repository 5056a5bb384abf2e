import type { z } from 'zod';

const BRAND = Symbol.for('benchboard.DomainError');

/** Every `code` an error of the API's own may have (a failure of ours answers `internal`). */
export const ERROR_CODES = [
	'invalid',
	'unauthenticated',
	'forbidden',
	'not_found',
	'method_not_allowed',
	'conflict',
	'too_large',
	'too_many_attempts',
	'too_many_requests',
	'key_reused',
	'already_applied'
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** An error the user caused and can fix: it carries a status and a message in plain words. */
export class DomainError extends Error {
	/**
	 * The server entry and SvelteKit's bundle each have their own copy of this class (services made
	 * by the entry throw the entry's copy), so `instanceof` goes by a shared brand, not identity.
	 */
	static [Symbol.hasInstance](value: unknown): boolean {
		return typeof value === 'object' && value !== null && BRAND in value;
	}
	readonly [BRAND] = true;

	constructor(
		readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 413 | 422 | 429,
		readonly code: ErrorCode,
		message: string,
		/** `retryAfter`: seconds until a request refused for its rate may be sent again. */
		readonly details: { field?: string; current?: unknown; retryAfter?: number } = {}
	) {
		super(message);
	}

	toJSON() {
		return { error: { code: this.code, message: this.message, ...this.details } };
	}
}

export const invalid = (field: string, message: string) =>
	new DomainError(400, 'invalid', `${field} ${message}`, { field });

export const notFound = (what: string) =>
	new DomainError(404, 'not_found', `${what} was not found`);

export const conflict = (message: string, current?: unknown) =>
	new DomainError(409, 'conflict', message, { current });

/** Parse input with a schema, or throw a 400 naming the first field that is wrong. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
	const result = schema.safeParse(input);
	if (result.success) return result.data;
	throw problemWith(result.error.issues[0], input);
}

type Issue = z.core.$ZodIssue;

function problemWith(issue: Issue, input: unknown): DomainError {
	if (issue.code === 'invalid_union' && isObject(valueAt(input, issue.path))) {
		// An object that fits no form: the form it comes closest to says what is wrong with it.
		const closest = [...issue.errors].sort((a, b) => a.length - b.length)[0];
		if (closest?.length) {
			const [first] = closest;
			return problemWith({ ...first, path: [...issue.path, ...first.path] } as Issue, input);
		}
	}
	if (issue.code === 'unrecognized_keys') {
		const [key] = issue.keys;
		const field = fieldName([...issue.path, key]);
		return invalid(field, 'is not a field this request takes');
	}
	if (issue.path.length === 0 && issue.code === 'invalid_type')
		return invalid('body', 'must be a JSON object');
	const field = issue.path.length ? fieldName(issue.path) : 'body';
	const missing =
		issue.path.length > 0 && issue.code !== 'custom' && valueAt(input, issue.path) === undefined;
	return invalid(field, missing ? 'is required' : issue.message);
}

/** A field's path as a client writes it: `stones[0].carats`. */
function fieldName(path: PropertyKey[]): string {
	return path
		.map((key, index) =>
			typeof key === 'number' ? `[${key}]` : index === 0 ? String(key) : `.${String(key)}`
		)
		.join('');
}

const isObject = (value: unknown) =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

function valueAt(input: unknown, path: PropertyKey[]): unknown {
	let value = input;
	for (const key of path) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<PropertyKey, unknown>)[key];
	}
	return value;
}
