// GET /api/v1/openapi.json: an OpenAPI 3.1 document built from the operations table. zod 4 writes
// JSON Schema draft 2020-12 itself, which is OpenAPI 3.1's dialect, so no converter library is
// needed: each request schema is the very one the server validates with.
import { z } from 'zod';
import { rolesWith } from '../auth/roles';
import { OPERATIONS, type Operation } from './operations';
import * as SHAPES from './shapes';

const ERROR_STATUSES: Record<string, string> = {
	'400': 'Invalid input: `field` names what is wrong; nothing was changed',
	'401': 'Not signed in',
	'403': 'The role may not do this',
	'404': 'No such order (customer, stone, …)',
	'409': 'Stale `version` or another conflict: `current` says how it is now',
	'413': 'The body or file is too large'
};

type JsonSchema = Record<string, unknown>;

/** The schemas shared by name (`.meta({ id })`) go to components once; the rest inline. */
function schemasOf(operations: Operation[]) {
	const registry = z.registry<{ id: string }>();
	const inline = new Map<z.ZodType, JsonSchema>();
	const refs = new Map<z.ZodType, JsonSchema>();
	const shapes = new Set<z.ZodType>(Object.values(SHAPES));
	for (const operation of operations) if (operation.ok.shape) shapes.add(operation.ok.shape);
	for (const shape of shapes) {
		const id = z.globalRegistry.get(shape)?.id;
		if (id) registry.add(shape, { id });
	}
	const { schemas } = z.toJSONSchema(registry, {
		target: 'draft-2020-12',
		uri: (id) => `#/components/schemas/${id}`
	}) as { schemas: Record<string, JsonSchema> };
	const components: Record<string, JsonSchema> = {};
	for (const [id, schema] of Object.entries(schemas)) {
		const { $schema: _drop, ...rest } = schema;
		components[id] = rest;
	}
	const schemaOf = (shape: z.ZodType, io: 'input' | 'output'): JsonSchema => {
		const id = z.globalRegistry.get(shape)?.id;
		if (id && components[id]) return { $ref: `#/components/schemas/${id}` };
		const cache = io === 'input' ? inline : refs;
		let schema = cache.get(shape);
		if (!schema) {
			const { $schema: _drop, ...rest } = z.toJSONSchema(shape, {
				target: 'draft-2020-12',
				io,
				unrepresentable: 'any'
			}) as JsonSchema;
			schema = rest;
			cache.set(shape, schema);
		}
		return schema;
	};
	return { components, schemaOf };
}

function accessText(access: Operation['access']): string {
	if (access === 'public') return 'Anyone, without signing in.';
	if (access === 'signed-in') return 'Anyone signed in.';
	return `Roles: ${rolesWith(access).join(', ')} (permission \`${access}\`).`;
}

function queryParameters(
	operation: Operation,
	schemaOf: (shape: z.ZodType, io: 'input') => JsonSchema
) {
	const named = (operation.queryNames ?? []).map((name) => ({
		name,
		in: 'query',
		required: false,
		schema: { type: 'string' }
	}));
	if (!operation.query) return named;
	const schema = schemaOf(operation.query, 'input') as {
		properties?: Record<string, JsonSchema>;
		required?: string[];
	};
	return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
		name,
		in: 'query',
		required: schema.required?.includes(name) ?? false,
		schema: property
	}));
}

/** Path parameters that are not a row's integer id. */
const STRING_PARAMETERS: Record<string, JsonSchema> = {
	chart: { type: 'string' },
	deliveryId: { type: 'string', format: 'uuid' }
};

function pathParameters(path: string) {
	return [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
		name,
		in: 'path',
		required: true,
		schema: STRING_PARAMETERS[name] ?? { type: 'integer', minimum: 1 }
	}));
}

export function buildDocument() {
	const { components, schemaOf } = schemasOf(OPERATIONS);
	const errorResponse = (description: string) => ({
		description,
		content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }
	});
	const paths: Record<string, Record<string, unknown>> = {};
	for (const operation of OPERATIONS) {
		const { ok } = operation;
		const success = ok.binary
			? { description: 'The file', content: { 'application/octet-stream': {} } }
			: {
					description: 'OK',
					content: {
						[ok.lines ? 'application/x-ndjson' : 'application/json']: {
							schema: schemaOf(ok.shape!, 'output')
						},
						...(ok.csv ? { 'text/csv': { schema: { type: 'string' } } } : {})
					}
				};
		const errors = Object.fromEntries(
			Object.entries(ERROR_STATUSES)
				.filter(([status]) => operation.access !== 'public' || !['401', '403'].includes(status))
				.map(([status, description]) => [status, errorResponse(description)])
		);
		paths[operation.path] ??= {};
		paths[operation.path][operation.method] = {
			operationId: `${operation.method}${operation.path.replace('/api/v1', '').replace(/\W+(\w)?/g, (_, c = '') => c.toUpperCase())}`,
			summary: operation.summary,
			description: `${accessText(operation.access)} See docs/api.md${operation.doc}.`,
			tags: [operation.tag],
			...(operation.access === 'public' ? { security: [] } : {}),
			parameters: [...pathParameters(operation.path), ...queryParameters(operation, schemaOf)],
			...(operation.body
				? {
						requestBody: {
							required: true,
							content: { 'application/json': { schema: schemaOf(operation.body, 'input') } }
						}
					}
				: operation.upload
					? {
							requestBody: {
								required: true,
								content: { 'application/octet-stream': { schema: {} } }
							}
						}
					: {}),
			responses: { [String(ok.status)]: success, ...errors }
		};
	}
	return {
		openapi: '3.1.0',
		info: {
			title: 'Benchboard API',
			version: '1',
			description:
				"A jewelry store's custom orders: the board, each order's record, customers, custody and settings. Every change is one event in the order's history."
		},
		// Relative: the server the document was read from, whatever the proxy in front calls it.
		servers: [{ url: '/' }],
		jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
		security: [{ session: [] }, { token: [] }],
		tags: [...new Set(OPERATIONS.map((operation) => operation.tag))].map((name) => ({ name })),
		paths,
		components: {
			schemas: components,
			securitySchemes: {
				session: {
					type: 'apiKey',
					in: 'cookie',
					name: 'bb_session',
					description: 'The session cookie the sign-in page sets'
				},
				token: {
					type: 'http',
					scheme: 'bearer',
					description:
						'An API token the owner made in Settings (`bbt_…`): its role says what it may do'
				}
			}
		}
	};
}
