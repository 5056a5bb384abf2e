// The OpenAPI document against the code and the docs: every route under src/routes/api/v1 is in it
// (and nothing else), every operation points at a section of docs/api.md, and every complete JSON
// example in docs/api.md (a request body, an answer, an error) fits the document's schemas.
import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../src/lib/server/openapi/document';
import { documentedExamples, githubSlugs, routeOperations } from '../helpers/openapi';

const document = buildDocument();
const docsText = fs.readFileSync(path.resolve('docs/api.md'), 'utf8');

type OperationObject = {
	requestBody?: { content: Record<string, { schema?: object }> };
	responses: Record<string, { content?: Record<string, { schema?: object }> }>;
	description: string;
};
const paths = document.paths as Record<string, Record<string, OperationObject>>;

function validator() {
	const ajv = new Ajv2020({ strict: false, allErrors: true });
	addFormats.default(ajv);
	ajv.addSchema({ $id: 'doc', components: document.components });
	// `#/components/...` in the document's schemas is this document's: point them at it.
	const compile = (schema: object) =>
		ajv.compile(
			JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/'))
		);
	return { compile, ajv };
}

/** The document's path template that a concrete URL path matches. */
function templateOf(urlPath: string): string | undefined {
	return Object.keys(paths).find((template) =>
		new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+').replace(/\./g, '\\.')}$`).test(urlPath)
	);
}

describe('the OpenAPI document', () => {
	it('is OpenAPI 3.1 and its own address answers it without signing in', () => {
		expect(document.openapi).toBe('3.1.0');
		expect(paths['/api/v1/openapi.json'].get.description).toContain('Anyone, without signing in');
	});

	it('has every route under src/routes/api/v1, each method it answers, and nothing more', () => {
		const routes = routeOperations(path.resolve('src/routes/api/v1'));
		expect(routes.length).toBeGreaterThan(40);
		const documented = Object.entries(paths).flatMap(([template, methods]) =>
			Object.keys(methods).map((method) => `${method.toUpperCase()} ${template}`)
		);
		expect(documented.sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
	});

	it('says who may call each operation, from the permissions the server checks', () => {
		const move = paths['/api/v1/orders/{id}/move'].post;
		expect(move.description).toContain('Roles: owner, manager, staff, bench');
		const money = paths['/api/v1/orders/{id}/payments'].post;
		expect(money.description).not.toContain('bench');
		expect(paths['/api/v1/settings/messages'].patch.description).toContain('Roles: owner (');
	});

	it('points every operation at a section of docs/api.md that exists', () => {
		const slugs = githubSlugs(docsText);
		const missing = Object.values(paths)
			.flatMap((methods) => Object.values(methods))
			.map((operation) => /docs\/api\.md#([\w-]+)/.exec(operation.description)?.[1])
			.filter((slug) => !slug || !slugs.has(slug));
		expect(missing).toEqual([]);
	});

	it('compiles every schema and refuses what the server refuses (an unknown field, a bad stage)', () => {
		const { compile } = validator();
		const move = compile(
			paths['/api/v1/orders/{id}/move'].post.requestBody!.content['application/json'].schema!
		);
		expect(move({ stage: 'casting', afterId: null, version: 3 })).toBe(true);
		expect(move({ stage: 'melting', afterId: null, version: 3 })).toBe(false);
		expect(move({ stage: 'casting', afterId: null, version: 3, extra: 1 })).toBe(false);
		for (const methods of Object.values(paths))
			for (const operation of Object.values(methods)) {
				for (const media of Object.values(operation.requestBody?.content ?? {}))
					if (media.schema) compile(media.schema);
				for (const response of Object.values(operation.responses))
					for (const media of Object.values(response.content ?? {}))
						if (media.schema) compile(media.schema);
			}
	});

	it('fits every complete example in docs/api.md', () => {
		const { compile } = validator();
		const examples = documentedExamples(docsText);
		// The docs show dozens of requests, answers and errors; a parser that found none would pass.
		expect(examples.filter((e) => e.kind === 'request').length).toBeGreaterThan(20);
		expect(examples.filter((e) => e.kind === 'answer').length).toBeGreaterThan(10);
		expect(examples.filter((e) => e.kind === 'error').length).toBeGreaterThan(50);
		const errorSchema = compile({ $ref: '#/components/schemas/Error' });
		const failures: string[] = [];
		for (const example of examples) {
			if (example.kind === 'error') {
				if (!errorSchema(example.json)) failures.push(`line ${example.line}: error shape`);
				continue;
			}
			const template = templateOf(example.path);
			const operation = template && paths[template][example.method.toLowerCase()];
			if (!operation) {
				failures.push(
					`line ${example.line}: ${example.method} ${example.path} is not in the document`
				);
				continue;
			}
			const requestSchema = operation.requestBody?.content['application/json']?.schema;
			const answerSchema = Object.entries(operation.responses).find(([status]) =>
				status.startsWith('2')
			)?.[1].content;
			// An answer is one JSON document, or JSON lines (the export), each line checked alone.
			const schema =
				example.kind === 'request'
					? requestSchema
					: (answerSchema?.['application/json'] ?? answerSchema?.['application/x-ndjson'])?.schema;
			if (!schema) {
				failures.push(
					`line ${example.line}: ${example.method} ${template} takes no JSON ${example.kind}`
				);
				continue;
			}
			const validate = compile(schema);
			if (!validate(example.json))
				failures.push(
					`line ${example.line}: ${example.method} ${template} ${example.kind}: ${JSON.stringify(validate.errors?.slice(0, 2))}`
				);
		}
		expect(failures).toEqual([]);
	});
});
