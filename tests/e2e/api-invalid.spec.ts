import { expect, test } from './fixtures';
import { API, json, unique, createOrder, expectError, expectNoChange } from './api-helpers';

/** Bad input to the JSON API: each refusal names the field and leaves the database as it was. */

test.describe('bodies that are not a JSON object', () => {
	type Target = { name: string; path: (id: number) => string; method: 'post' | 'patch' };
	const targets: Target[] = [
		{ name: 'POST /orders', path: () => `${API}/orders`, method: 'post' },
		{ name: 'PATCH /orders/{id}', path: (id) => `${API}/orders/${id}`, method: 'patch' },
		{ name: 'POST /orders/{id}/move', path: (id) => `${API}/orders/${id}/move`, method: 'post' },
		{ name: 'POST /orders/{id}/pickup', path: (id) => `${API}/orders/${id}/pickup`, method: 'post' }
	];

	for (const target of targets) {
		test(`${target.name}: invalid JSON, no Content-Type, not an object → 400 body`, async ({
			request
		}) => {
			const card = await createOrder(request);
			const url = target.path(card.id);
			const send = (options: { headers?: Record<string, string>; data: unknown }) =>
				target.method === 'post' ? request.post(url, options) : request.patch(url, options);

			await expectNoChange(request, [card.id], async () => {
				await test.step('invalid JSON', async () => {
					await expectError(await send({ headers: json, data: Buffer.from('{"title": "x",') }), {
						status: 400,
						code: 'invalid',
						field: 'body',
						message: /JSON/
					});
				});
				await test.step('empty body', async () => {
					await expectError(await send({ headers: json, data: Buffer.from('') }), {
						status: 400,
						code: 'invalid',
						field: 'body'
					});
				});
				await test.step('valid JSON without Content-Type', async () => {
					const valid = JSON.stringify({ version: 1, title: 'x', stage: 'design', afterId: null });
					await expectError(await send({ data: Buffer.from(valid) }), {
						status: 400,
						code: 'invalid',
						field: 'body',
						message: /Content-Type/
					});
				});
				for (const [label, raw] of [
					['an array', '[{"version": 1}]'],
					['a string', '"hello"'],
					['a number', '42']
				]) {
					await test.step(`body is ${label}`, async () => {
						const error = await expectError(await send({ headers: json, data: Buffer.from(raw) }), {
							status: 400,
							code: 'invalid',
							field: 'body'
						});
						// A body was sent: it is the wrong kind, not missing.
						expect(error.message).not.toMatch(/is required/);
					});
				}
				await test.step('body is null', async () => {
					await expectError(await send({ headers: json, data: Buffer.from('null') }), {
						status: 400,
						code: 'invalid',
						field: 'body'
					});
				});
			});
		});
	}
});

test.describe('POST /orders: invalid fields → 400, nothing created', () => {
	const cases: { name: string; data: Record<string, unknown>; field: string; message?: RegExp }[] =
		[
			{
				name: 'an unknown field',
				data: { title: 'Ring', colour: 'gold' },
				field: 'colour',
				message: /not a field/
			},
			{
				name: 'an unknown field in the customer',
				data: { title: 'Ring', customer: { givenName: 'A', familyName: 'B', vip: true } },
				field: 'customer.vip'
			},
			{ name: 'a missing title', data: { title: undefined }, field: 'title', message: /required/ },
			{ name: 'a blank title', data: { title: '   ' }, field: 'title', message: /required/ },
			{ name: 'a title that is not text', data: { title: 42 }, field: 'title', message: /text/ },
			{
				name: 'a title of 121 characters',
				data: { title: 'x'.repeat(121) },
				field: 'title',
				message: /120/
			},
			{
				name: 'dueDate 2026-02-30',
				data: { dueDate: '2026-02-30' },
				field: 'dueDate',
				message: /calendar date/
			},
			{
				name: 'dueDate "tomorrow"',
				data: { dueDate: 'tomorrow' },
				field: 'dueDate',
				message: /date like/
			},
			{
				name: 'dueDate with a time',
				data: { dueDate: '2027-01-01T10:00:00Z' },
				field: 'dueDate'
			},
			{
				name: 'rush "yes"',
				data: { rush: 'yes' },
				field: 'rush',
				message: /true or false/
			},
			{ name: 'rush 1', data: { rush: 1 }, field: 'rush', message: /true or false/ },
			{ name: 'a missing customer', data: { customer: undefined }, field: 'customer' },
			{
				name: 'a new customer without familyName',
				data: { customer: { givenName: 'Ada' } },
				field: 'customer.familyName',
				message: /is required/
			},
			{
				name: 'a new customer with a bad email',
				data: { customer: { givenName: 'Ada', familyName: 'B', email: 'not-an-email' } },
				field: 'customer.email'
			},
			{
				name: 'an assignee of 81 characters',
				data: { assignee: 'x'.repeat(81) },
				field: 'assignee',
				message: /80/
			}
		];

	for (const c of cases) {
		test(`${c.name} → 400 (${c.field})`, async ({ request }) => {
			const data = {
				customer: { givenName: 'Test', familyName: unique('Refused') },
				title: unique('Ring'),
				...c.data
			};
			await expectNoChange(request, [], async () => {
				await expectError(await request.post(`${API}/orders`, { data }), {
					status: 400,
					code: 'invalid',
					field: c.field,
					message: c.message
				});
			});
		});
	}

	test('an unknown customer id → 400 (customer.id)', async ({ request }) => {
		for (const id of [999_999, 2_147_483_647]) {
			await expectNoChange(request, [], async () => {
				await expectError(
					await request.post(`${API}/orders`, {
						data: { customer: { id }, title: unique('Ring') }
					}),
					{ status: 400, code: 'invalid', field: 'customer.id', message: new RegExp(String(id)) }
				);
			});
		}
	});
});

test.describe('PATCH /orders/{id}: invalid fields → 400, order unchanged', () => {
	const cases: { name: string; data: Record<string, unknown>; field: string; message?: RegExp }[] =
		[
			{
				name: 'an unknown field',
				data: { version: 1, title: 'x', colour: 'gold' },
				field: 'colour',
				message: /not a field/
			},
			{
				name: 'the stage (moves go through /move)',
				data: { version: 1, stage: 'ready' },
				field: 'stage',
				message: /not a field/
			},
			{ name: 'a missing version', data: { title: 'x' }, field: 'version' },
			{
				name: 'a non-integer version',
				data: { version: 1.5, title: 'x' },
				field: 'version',
				message: /whole number/
			},
			{ name: 'version 0', data: { version: 0, title: 'x' }, field: 'version', message: /least 1/ },
			{ name: 'version as a string', data: { version: '1', title: 'x' }, field: 'version' },
			{ name: 'no field to change', data: { version: 1 }, field: 'body', message: /at least one/ },
			{ name: 'a blank title', data: { version: 1, title: ' ' }, field: 'title' },
			{
				name: 'a title of 121 characters',
				data: { version: 1, title: 'é'.repeat(121) },
				field: 'title',
				message: /120/
			},
			{
				name: 'dueDate 2026-02-30',
				data: { version: 1, dueDate: '2026-02-30' },
				field: 'dueDate',
				message: /calendar date/
			},
			{
				name: 'dueDate "tomorrow"',
				data: { version: 1, dueDate: 'tomorrow' },
				field: 'dueDate',
				message: /date like/
			},
			{
				name: 'rush "true"',
				data: { version: 1, rush: 'true' },
				field: 'rush',
				message: /true or false/
			}
		];

	for (const c of cases) {
		test(`${c.name} → 400 (${c.field})`, async ({ request }) => {
			const card = await createOrder(request);
			await expectNoChange(request, [card.id], async () => {
				await expectError(await request.patch(`${API}/orders/${card.id}`, { data: c.data }), {
					status: 400,
					code: 'invalid',
					field: c.field,
					message: c.message
				});
			});
		});
	}
});

test.describe('POST /orders/{id}/move and /pickup: invalid fields → 400, order unchanged', () => {
	const cases: {
		name: string;
		action: 'move' | 'pickup';
		data: Record<string, unknown>;
		field: string;
		message?: RegExp;
	}[] = [
		{
			name: 'an unknown stage',
			action: 'move',
			data: { stage: 'engraving', afterId: null, version: 1 },
			field: 'stage',
			message: /intake/
		},
		{
			name: 'an archive stage (picked_up)',
			action: 'move',
			data: { stage: 'picked_up', afterId: null, version: 1 },
			field: 'stage'
		},
		{
			name: 'a missing stage',
			action: 'move',
			data: { afterId: null, version: 1 },
			field: 'stage'
		},
		{
			name: 'a non-integer version',
			action: 'move',
			data: { stage: 'design', afterId: null, version: 1.5 },
			field: 'version',
			message: /whole number/
		},
		{
			name: 'a missing version',
			action: 'move',
			data: { stage: 'design', afterId: null },
			field: 'version'
		},
		{
			name: 'a missing afterId',
			action: 'move',
			data: { stage: 'design', version: 1 },
			field: 'afterId'
		},
		{
			name: 'a non-integer afterId',
			action: 'move',
			data: { stage: 'design', afterId: 1.5, version: 1 },
			field: 'afterId',
			message: /whole number/
		},
		{
			name: 'an afterId out of range',
			action: 'move',
			data: { stage: 'design', afterId: 2_147_483_648, version: 1 },
			field: 'afterId'
		},
		{
			name: 'an unknown field',
			action: 'move',
			data: { stage: 'design', afterId: null, version: 1, beforeId: null },
			field: 'beforeId',
			message: /not a field/
		},
		{
			name: 'a non-integer version',
			action: 'pickup',
			data: { version: 1.5 },
			field: 'version',
			message: /whole number/
		},
		{ name: 'a missing version', action: 'pickup', data: {}, field: 'version' },
		{
			name: 'an unknown field',
			action: 'pickup',
			data: { version: 1, paid: true },
			field: 'paid',
			message: /not a field/
		}
	];

	for (const c of cases) {
		test(`${c.action}: ${c.name} → 400 (${c.field})`, async ({ request }) => {
			const card = await createOrder(request);
			await expectNoChange(request, [card.id], async () => {
				await expectError(
					await request.post(`${API}/orders/${card.id}/${c.action}`, { data: c.data }),
					{ status: 400, code: 'invalid', field: c.field, message: c.message }
				);
			});
		});
	}
});
