import type { z } from 'zod';

/** An error the user caused and can fix: it carries a status and a message in plain words. */
export class DomainError extends Error {
	constructor(
		readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 413 | 429,
		readonly code:
			| 'invalid'
			| 'unauthenticated'
			| 'forbidden'
			| 'not_found'
			| 'method_not_allowed'
			| 'conflict'
			| 'too_large'
			| 'too_many_attempts',
		message: string,
		readonly details: { field?: string; current?: unknown } = {}
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

export const conflict = (message: string, current: unknown) =>
	new DomainError(409, 'conflict', message, { current });

/** Parse input with a schema, or throw a 400 naming the first field that is wrong. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
	const result = schema.safeParse(input);
	if (result.success) return result.data;
	const issue = result.error.issues[0];
	if (issue.code === 'unrecognized_keys') {
		const [key] = issue.keys;
		const field = [...issue.path, key].join('.');
		throw invalid(field, 'is not a field this request takes');
	}
	if (issue.path.length === 0 && issue.code === 'invalid_type')
		throw invalid('body', 'must be a JSON object');
	const field = issue.path.length ? issue.path.join('.') : 'body';
	const missing = issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined;
	const message = missing ? 'is required' : issue.message;
	throw invalid(field, message);
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
	let value = input;
	for (const key of path) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<PropertyKey, unknown>)[key];
	}
	return value;
}
