import { expect, test } from './fixtures';
import {
	API,
	json,
	unique,
	bodyOf,
	readBoard,
	column,
	readOrder,
	createOrder,
	patchOrder,
	moveOrder,
	cardOf,
	expectError,
	expectNoChange
} from './api-helpers';
import type { CardAnswer } from '../../src/lib/api/answers';

/** Unknown orders, conflicts, bad queries, unknown paths and methods, and odd input the API survives. */

test.describe('unknown orders → 404', () => {
	test('an order id that does not exist, on every order endpoint', async ({ request }) => {
		const board = await readBoard(request);
		const missing = Math.max(...board.orders.map((card) => card.id)) + 100_000;
		await expectNoChange(request, [], async () => {
			for (const id of [missing, 2_147_483_647]) {
				await test.step(`order ${id}`, async () => {
					await expectError(await request.get(`${API}/orders/${id}`), {
						status: 404,
						code: 'not_found',
						message: new RegExp(String(id))
					});
					await expectError(
						await request.patch(`${API}/orders/${id}`, { data: { version: 1, title: 'x' } }),
						{ status: 404, code: 'not_found' }
					);
					await expectError(
						await request.post(`${API}/orders/${id}/move`, {
							data: { stage: 'design', afterId: null, version: 1 }
						}),
						{ status: 404, code: 'not_found' }
					);
					await expectError(
						await request.post(`${API}/orders/${id}/pickup`, { data: { version: 1 } }),
						{ status: 404, code: 'not_found' }
					);
				});
			}
		});
	});

	for (const raw of ['abc', '1.5', '-1', '0', '01', '1e3', '99999999999', '2147483648']) {
		test(`"${raw}" as the order id → 404 on GET, PATCH, move and pickup`, async ({ request }) => {
			await expectNoChange(request, [], async () => {
				await expectError(await request.get(`${API}/orders/${raw}`), {
					status: 404,
					code: 'not_found'
				});
				await expectError(
					await request.patch(`${API}/orders/${raw}`, { data: { version: 1, title: 'x' } }),
					{ status: 404, code: 'not_found' }
				);
				await expectError(
					await request.post(`${API}/orders/${raw}/move`, {
						data: { stage: 'design', afterId: null, version: 1 }
					}),
					{ status: 404, code: 'not_found' }
				);
				await expectError(
					await request.post(`${API}/orders/${raw}/pickup`, { data: { version: 1 } }),
					{ status: 404, code: 'not_found' }
				);
			});
		});
	}
});

test.describe('conflicts → 409 with the real card in `current`', () => {
	test('stale version on patch', async ({ request }) => {
		const card = await createOrder(request);
		const changed = await patchOrder(request, card.id, { version: 1, title: unique('Changed') });
		await expectNoChange(request, [card.id], async () => {
			for (const version of [1, 3]) {
				const error = await expectError(
					await request.patch(`${API}/orders/${card.id}`, {
						data: { version, title: unique('Lost edit') }
					}),
					{ status: 409, code: 'conflict', message: /changed/ }
				);
				expect(error.current).toEqual(cardOf(changed));
			}
		});
		expect((await readOrder(request, card.id)).title).toBe(changed.title);
	});

	test('stale version on move', async ({ request }) => {
		const card = await createOrder(request);
		const changed = await patchOrder(request, card.id, { version: 1, rush: true });
		await expectNoChange(request, [card.id], async () => {
			const error = await expectError(
				await request.post(`${API}/orders/${card.id}/move`, {
					data: { stage: 'design', afterId: null, version: 1 }
				}),
				{ status: 409, code: 'conflict' }
			);
			expect(error.current).toEqual(cardOf(changed));
			expect(error.current?.stage).toBe('intake');
		});
	});

	test('stale version on pickup', async ({ request }) => {
		const card = await createOrder(request);
		const ready = await moveOrder(request, card, 'ready', null);
		await expectNoChange(request, [card.id], async () => {
			const error = await expectError(
				await request.post(`${API}/orders/${card.id}/pickup`, { data: { version: 1 } }),
				{ status: 409, code: 'conflict' }
			);
			expect(error.current).toEqual(ready);
			expect(error.current).toMatchObject({ stage: 'ready', version: 2 });
		});
		expect(column(await readBoard(request), 'ready')).toContain(card.id);
	});

	test('afterId of a card in another stage', async ({ request }) => {
		const card = await createOrder(request);
		const other = await createOrder(request);
		await moveOrder(request, other, 'design', null);
		await expectNoChange(request, [card.id, other.id], async () => {
			for (const stage of ['intake', 'casting']) {
				const error = await expectError(
					await request.post(`${API}/orders/${card.id}/move`, {
						data: { stage, afterId: other.id, version: 1 }
					}),
					{ status: 409, code: 'conflict' }
				);
				expect(error.current).toEqual(card);
			}
			// A card that does not exist at all is no better a neighbour.
			const error = await expectError(
				await request.post(`${API}/orders/${card.id}/move`, {
					data: { stage: 'design', afterId: 2_147_483_647, version: 1 }
				}),
				{ status: 409, code: 'conflict' }
			);
			expect(error.current).toEqual(card);
		});
	});

	test('afterId equal to the card itself', async ({ request }) => {
		const card = await createOrder(request);
		await expectNoChange(request, [card.id], async () => {
			for (const stage of ['intake', 'design']) {
				const error = await expectError(
					await request.post(`${API}/orders/${card.id}/move`, {
						data: { stage, afterId: card.id, version: 1 }
					}),
					{ status: 409, code: 'conflict', message: /itself/ }
				);
				expect(error.current).toEqual(card);
			}
		});
	});

	test('pickup when not ready, or already picked up', async ({ request }) => {
		const card = await createOrder(request);
		await expectNoChange(request, [card.id], async () => {
			const error = await expectError(
				await request.post(`${API}/orders/${card.id}/pickup`, { data: { version: 1 } }),
				{ status: 409, code: 'conflict', message: /Ready for pickup/ }
			);
			expect(error.current).toEqual(card);
		});

		const inspection = await moveOrder(request, card, 'inspection', null);
		await expectNoChange(request, [card.id], async () => {
			const error = await expectError(
				await request.post(`${API}/orders/${card.id}/pickup`, { data: { version: 2 } }),
				{ status: 409, code: 'conflict' }
			);
			expect(error.current).toEqual(inspection);
		});

		const ready = await moveOrder(request, inspection, 'ready', null);
		const picked = (
			await bodyOf<CardAnswer>(
				await request.post(`${API}/orders/${card.id}/pickup`, { data: { version: ready.version } }),
				200
			)
		).card;
		await expectNoChange(request, [card.id], async () => {
			const error = await expectError(
				await request.post(`${API}/orders/${card.id}/pickup`, {
					data: { version: picked.version }
				}),
				{ status: 409, code: 'conflict' }
			);
			expect(error.current).toEqual(picked);
		});
	});
});

test.describe('events: bad queries → 400', () => {
	const cases: { query: string; field: string; message?: RegExp }[] = [
		{ query: 'after=-1', field: 'after', message: /\b0\b/ },
		{ query: 'after=abc', field: 'after', message: /number/ },
		{ query: '', field: 'after' },
		{ query: 'after=', field: 'after' },
		{ query: 'after=1.5', field: 'after', message: /whole number/ },
		{ query: 'after=0&limit=0', field: 'limit' },
		{ query: 'after=0&limit=1001', field: 'limit' },
		{ query: 'after=0&limit=lots', field: 'limit' }
	];
	for (const c of cases) {
		test(`events?${c.query} → 400 (${c.field})`, async ({ request }) => {
			await expectNoChange(request, [], async () => {
				await expectError(await request.get(`${API}/events?${c.query}`), {
					status: 400,
					code: 'invalid',
					field: c.field,
					message: c.message,
					supplied: c.query.includes(`${c.field}=`)
				});
			});
		});
	}
});

test.describe('unknown API paths → 404 JSON', () => {
	for (const [method, path] of [
		['get', `${API}/nope`],
		['post', `${API}/nope`],
		['get', `${API}/orders/1/timeline`],
		['post', `${API}/orders/1/cancel`],
		['get', '/api/v2/board'],
		['get', '/api']
	] as const) {
		test(`${method.toUpperCase()} ${path}`, async ({ request }) => {
			await expectNoChange(request, [], async () => {
				const response =
					method === 'get' ? await request.get(path) : await request.post(path, { data: {} });
				const error = await expectError(response, { status: 404, code: 'not_found' });
				expect(error.message).toContain(path);
			});
		});
	}
});

test.describe('methods, media types and sizes the API does not take', () => {
	test('a method a path does not take → 405 JSON naming it', async ({ request }) => {
		await expectNoChange(request, [], async () => {
			for (const response of [
				await request.delete(`${API}/orders/1`),
				await request.get(`${API}/orders`),
				await request.get(`${API}/orders/1/move`),
				await request.put(`${API}/board`, { data: {} })
			]) {
				const error = await expectError(response, { status: 405, code: 'method_not_allowed' });
				expect(error.message).toMatch(/does not take (DELETE|GET|PUT)/);
			}
		});
	});

	test('a media type that only starts like JSON is refused', async ({ request }) => {
		await expectNoChange(request, [], async () => {
			const response = await request.post(`${API}/orders`, {
				headers: { 'content-type': 'application/jsonx' },
				data: JSON.stringify({ customer: { givenName: 'A', familyName: 'B' }, title: 'Ring' })
			});
			await expectError(response, { status: 400, code: 'invalid', field: 'body' });
		});
	});

	test('a body over the size limit → 413, nothing written', async ({ request }) => {
		await expectNoChange(request, [], async () => {
			const response = await request.post(`${API}/orders`, {
				headers: json,
				data: JSON.stringify({
					customer: { givenName: 'A', familyName: 'B' },
					title: 'x'.repeat(2 * 1024 * 1024)
				})
			});
			await expectError(response, { status: 413, code: 'too_large', field: 'body' });
		});
	});
});

// ---------------------------------------------------------------------------------------------
// Nothing crashes the server
// ---------------------------------------------------------------------------------------------

test.describe('odd input does not break the server', () => {
	test('a title with a NUL character is refused, not a 500', async ({ request }) => {
		const card = await createOrder(request);
		await expectNoChange(request, [card.id], async () => {
			await expectError(
				await request.post(`${API}/orders`, {
					data: { customer: { id: card.customerId }, title: 'Ring\u0000with a NUL' }
				}),
				{ status: 400, code: 'invalid', field: 'title' }
			);
			await expectError(
				await request.patch(`${API}/orders/${card.id}`, {
					data: { version: 1, title: 'Ring\u0000with a NUL' }
				}),
				{ status: 400, code: 'invalid', field: 'title' }
			);
			await expectError(
				await request.post(`${API}/orders`, {
					data: {
						customer: { givenName: 'Nul\u0000', familyName: unique('Byte') },
						title: unique('Ring')
					}
				}),
				{ status: 400, code: 'invalid' }
			);
		});
	});

	test('a dueDate the database cannot store (0000-01-01) is refused, not a 500', async ({
		request
	}) => {
		const card = await createOrder(request);
		await expectNoChange(request, [card.id], async () => {
			await expectError(
				await request.post(`${API}/orders`, {
					data: { customer: { id: card.customerId }, title: unique('Ring'), dueDate: '0000-01-01' }
				}),
				{ status: 400, code: 'invalid', field: 'dueDate' }
			);
			await expectError(
				await request.patch(`${API}/orders/${card.id}`, {
					data: { version: 1, dueDate: '0000-01-01' }
				}),
				{ status: 400, code: 'invalid', field: 'dueDate' }
			);
		});
	});

	test('after a barrage of bad input, health still answers 200', async ({ request }) => {
		const card = await createOrder(request);
		const hostile: { url: string; method: 'post' | 'patch'; body: Buffer | object }[] = [
			{ url: `${API}/orders`, method: 'post', body: Buffer.from('['.repeat(100_000)) },
			{
				url: `${API}/orders`,
				method: 'post',
				body: Buffer.from('['.repeat(50_000) + ']'.repeat(50_000))
			},
			{
				url: `${API}/orders`,
				method: 'post',
				body: { customer: { id: card.customerId }, title: 'x'.repeat(2_000_000) }
			},
			{ url: `${API}/orders`, method: 'post', body: Buffer.from('\u0000\uffff\ud800') },
			{
				url: `${API}/orders`,
				method: 'post',
				body: Buffer.from('{"__proto__": {"admin": true}, "title": "x"}')
			},
			{
				url: `${API}/orders`,
				method: 'post',
				body: { customer: { id: card.customerId }, title: 'x', constructor: { prototype: {} } }
			},
			{ url: `${API}/orders`, method: 'post', body: { customer: { id: -1 }, title: 'x' } },
			{ url: `${API}/orders`, method: 'post', body: { customer: { id: 1e308 }, title: 'x' } },
			{ url: `${API}/orders`, method: 'post', body: { customer: null, title: null } },
			{ url: `${API}/orders/${card.id}`, method: 'patch', body: Buffer.from('{"version":1e400}') },
			{ url: `${API}/orders/${card.id}`, method: 'patch', body: { version: -1, title: 'x' } },
			{ url: `${API}/orders/${card.id}`, method: 'patch', body: { version: 2 ** 40, rush: true } },
			{
				url: `${API}/orders/${card.id}/move`,
				method: 'post',
				body: { stage: ['design'], afterId: { id: 1 }, version: [1] }
			},
			{
				url: `${API}/orders/${card.id}/move`,
				method: 'post',
				body: { stage: 'design', afterId: -5, version: 1 }
			},
			{
				url: `${API}/orders/${card.id}/pickup`,
				method: 'post',
				body: { version: Number.MAX_SAFE_INTEGER }
			}
		];

		await expectNoChange(request, [card.id], async () => {
			for (const [index, attempt] of hostile.entries()) {
				const options = Buffer.isBuffer(attempt.body)
					? { headers: json, data: attempt.body }
					: { data: attempt.body };
				const response =
					attempt.method === 'post'
						? await request.post(attempt.url, options)
						: await request.patch(attempt.url, options);
				const status = response.status();
				expect(status, `attempt ${index} answered ${status}`).toBeGreaterThanOrEqual(400);
				expect(status, `attempt ${index} answered ${status}`).toBeLessThan(500);
			}
			for (const query of ['after=1e400', 'after=9007199254740993', 'after=0x10', 'limit=-1']) {
				const status = (await request.get(`${API}/events?${query}`)).status();
				expect(status, `events?${query} answered ${status}`).toBeLessThan(500);
			}
		});

		const health = await request.get(`${API}/health`);
		expect(health.status()).toBe(200);
		expect(await health.json()).toMatchObject({ ok: true });
		expect(cardOf(await readOrder(request, card.id))).toEqual(card);
	});
});
