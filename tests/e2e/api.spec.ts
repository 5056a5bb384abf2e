import { expect, test, type APIRequestContext, type APIResponse } from './fixtures';
import type { Board, Order, OrderCard, OrderEvent } from '../../src/lib/types';

/**
 * The JSON API as an integrator sees it: statuses, bodies, the event log, and that every refused
 * request leaves the database exactly as it was.
 *
 * One server and one database serve every test, one test at a time (workers: 1). Each test makes
 * the orders it needs, and compares the global seq before and after only within itself.
 */

const API = '/api/v1';
const RUN = Date.now().toString(36);
let made = 0;

interface ApiError {
	code: string;
	message: string;
	field?: string;
	current?: OrderCard;
}

interface EventsPage {
	events: OrderEvent[];
	lastSeq: number;
}

const json = { 'content-type': 'application/json' };

function unique(label: string): string {
	made += 1;
	return `${label} ${RUN}-${made}`;
}

async function bodyOf<T>(response: APIResponse, status: number): Promise<T> {
	const text = await response.text();
	expect(response.status(), `${response.url()} answered ${text.slice(0, 300)}`).toBe(status);
	return JSON.parse(text) as T;
}

async function healthSeq(request: APIRequestContext): Promise<number> {
	const health = await bodyOf<{ ok: boolean; seq: number }>(
		await request.get(`${API}/health`),
		200
	);
	expect(health.ok).toBe(true);
	return health.seq;
}

async function readBoard(request: APIRequestContext): Promise<Board> {
	return bodyOf<Board>(await request.get(`${API}/board`), 200);
}

function column(board: Board, stage: string): number[] {
	return board.orders.filter((card) => card.stage === stage).map((card) => card.id);
}

async function readOrder(request: APIRequestContext, id: number): Promise<Order> {
	return bodyOf<Order>(await request.get(`${API}/orders/${id}`), 200);
}

async function eventsAfter(request: APIRequestContext, after: number, limit?: number) {
	const query = limit === undefined ? `after=${after}` : `after=${after}&limit=${limit}`;
	return bodyOf<EventsPage>(await request.get(`${API}/events?${query}`), 200);
}

/** A new order in intake for a new customer, unless `fields` says otherwise. */
async function createOrder(
	request: APIRequestContext,
	fields: Record<string, unknown> = {}
): Promise<OrderCard> {
	const data = {
		customer: { givenName: 'Test', familyName: unique('Customer') },
		title: unique('Ring'),
		...fields
	};
	return bodyOf<OrderCard>(await request.post(`${API}/orders`, { data }), 201);
}

async function patchOrder(request: APIRequestContext, id: number, data: Record<string, unknown>) {
	return bodyOf<Order>(await request.patch(`${API}/orders/${id}`, { data }), 200);
}

async function moveOrder(
	request: APIRequestContext,
	card: Pick<OrderCard, 'id' | 'version'>,
	stage: string,
	afterId: number | null
): Promise<OrderCard> {
	return bodyOf<OrderCard>(
		await request.post(`${API}/orders/${card.id}/move`, {
			data: { stage, afterId, version: card.version }
		}),
		200
	);
}

/** The card fields of an order as GET returns it, to compare with a card from the board. */
function cardOf(order: Order): OrderCard {
	const keys: (keyof OrderCard)[] = [
		'id',
		'number',
		'title',
		'stage',
		'orderKey',
		'version',
		'dueDate',
		'rush',
		'assignee',
		'customerId',
		'customerName',
		'customerShortName',
		'pieceType',
		'occasion',
		'stageEnteredAt',
		'firstBlocker',
		'customerStones',
		'customerItems'
	];
	return Object.fromEntries(keys.map((key) => [key, order[key]])) as unknown as OrderCard;
}

/** Checks the error body every refused request must carry, and returns it. */
async function expectError(
	response: APIResponse,
	expected: { status: number; code: string; field?: string; message?: RegExp; supplied?: boolean }
): Promise<ApiError> {
	const text = await response.text();
	expect(response.status(), `${response.url()} answered ${text.slice(0, 300)}`).toBe(
		expected.status
	);
	expect(response.headers()['content-type'] ?? '').toContain('application/json');
	const body = JSON.parse(text) as { error: ApiError };
	expect(body.error.code).toBe(expected.code);
	expect(typeof body.error.message).toBe('string');
	expect(body.error.message.trim().length).toBeGreaterThan(0);
	if (expected.field !== undefined) {
		expect(body.error.field).toBe(expected.field);
		// The message names what is wrong, so it makes sense shown on its own.
		expect(body.error.message).toContain(expected.field);
	}
	if (expected.message) expect(body.error.message).toMatch(expected.message);
	// A value was sent: it is the wrong kind, not missing, and the message must not say otherwise.
	if (expected.supplied) expect(body.error.message).not.toMatch(/is required/);
	return body.error;
}

/**
 * Runs `work` (requests that must be refused) and checks that nothing was written: the global
 * seq, the board, and every order named in `ids` read the same before and after.
 */
async function expectNoChange(
	request: APIRequestContext,
	ids: number[],
	work: () => Promise<void>
): Promise<void> {
	const seqBefore = await healthSeq(request);
	const boardBefore = await readBoard(request);
	const ordersBefore = await Promise.all(ids.map((id) => readOrder(request, id)));
	await work();
	expect(await healthSeq(request), 'the global seq moved: something was written').toBe(seqBefore);
	const boardAfter = await readBoard(request);
	expect(boardAfter.seq).toBe(seqBefore);
	expect(boardAfter.orders).toEqual(boardBefore.orders);
	for (const before of ordersBefore) expect(await readOrder(request, before.id)).toEqual(before);
}

// ---------------------------------------------------------------------------------------------
// Happy paths
// ---------------------------------------------------------------------------------------------

test.describe('happy paths', () => {
	test('health answers with the database and the seq the board reflects', async ({ request }) => {
		const health = await bodyOf<{ ok: boolean; database: string; seq: number }>(
			await request.get(`${API}/health`),
			200
		);
		expect(health).toEqual({
			ok: true,
			database: expect.stringMatching(/^(embedded|server)$/),
			seq: expect.any(Number),
			outbox: {
				queued: expect.any(Number),
				retrying: expect.any(Number),
				failed: expect.any(Number)
			},
			screens: { board: expect.any(Number), display: expect.any(Number) },
			build: { version: expect.stringMatching(/^\d+\.\d+\.\d+/), builtAt: expect.any(String) }
		});
		expect(Number.isInteger(health.seq)).toBe(true);
		// The demo data was written through the same commands, so the log is not empty.
		expect(health.seq).toBeGreaterThan(0);

		const board = await readBoard(request);
		expect(board.seq).toBe(health.seq);
		expect(typeof board.shopName).toBe('string');
		expect(board.shopName.length).toBeGreaterThan(0);
		expect(typeof board.timeZone).toBe('string');
		expect(board.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		expect(board.orders.length).toBeGreaterThan(0);
		for (const card of board.orders) {
			expect(card.orderKey).not.toBeNull();
			expect([
				'intake',
				'design',
				'casting',
				'setting',
				'polishing',
				'inspection',
				'ready'
			]).toContain(card.stage);
		}
	});

	test('create with a new customer, then again with {id} of that customer', async ({ request }) => {
		const familyName = unique('Okonkwo');
		const title = unique('Oval solitaire, 14k yellow gold');
		const seq0 = await healthSeq(request);

		const response = await request.post(`${API}/orders`, {
			data: {
				customer: {
					givenName: '  Ada ',
					familyName,
					phone: '555-0100',
					email: 'ada@example.com'
				},
				title: `  ${title}  `,
				dueDate: '2027-03-14',
				rush: true,
				assignee: 'Sam'
			}
		});
		const first = await bodyOf<OrderCard>(response, 201);
		expect(response.headers()['content-type']).toContain('application/json');
		expect(first).toEqual({
			id: expect.any(Number),
			number: expect.stringMatching(/^CO-\d+$/),
			title, // trimmed
			stage: 'intake',
			orderKey: expect.any(String),
			version: 1,
			dueDate: '2027-03-14',
			rush: true,
			assignee: 'Sam',
			customerId: expect.any(Number),
			customerName: `Ada ${familyName}`,
			customerShortName: 'Ada O.',
			pieceType: 'other',
			occasion: null,
			stageEnteredAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
			firstBlocker: null,
			customerStones: 0,
			customerItems: 0
		});

		// The new customer's event (their details stay off the screens), then the order's, carrying
		// the whole new card.
		expect(await healthSeq(request)).toBe(seq0 + 2);
		const created = await eventsAfter(request, seq0);
		expect(created.lastSeq).toBe(seq0 + 2);
		expect(created.events).toHaveLength(2);
		expect(created.events[0]).toMatchObject({
			seq: seq0 + 1,
			orderId: null,
			customerId: first.customerId,
			type: 'customer.created',
			payload: { before: null, after: {} }
		});
		expect(JSON.stringify(created.events[0])).not.toContain('555-0100');
		expect(created.events[1]).toMatchObject({
			seq: seq0 + 2,
			orderId: first.id,
			type: 'order.created',
			actor: { id: expect.any(Number), name: expect.any(String) },
			payload: { before: null, after: first }
		});
		expect(Number.isNaN(Date.parse(created.events[1].at))).toBe(false);

		// At the top of intake, as the API returned it.
		let board = await readBoard(request);
		expect(board.seq).toBe(seq0 + 2);
		expect(column(board, 'intake')[0]).toBe(first.id);
		expect(board.orders.find((card) => card.id === first.id)).toEqual(first);

		// The same customer again, by id: no new customer, defaults for what was left out.
		const second = await createOrder(request, {
			customer: { id: first.customerId },
			title: unique('Matching band')
		});
		expect(second).toMatchObject({
			stage: 'intake',
			version: 1,
			dueDate: null,
			rush: false,
			assignee: null,
			customerId: first.customerId,
			customerName: `Ada ${familyName}`
		});
		expect(second.id).not.toBe(first.id);
		expect(second.number).not.toBe(first.number);

		expect(await healthSeq(request)).toBe(seq0 + 3);
		const next = await eventsAfter(request, seq0 + 2);
		expect(next.events.map((event) => [event.seq, event.type, event.orderId])).toEqual([
			[seq0 + 3, 'order.created', second.id]
		]);
		expect(next.events[0].payload).toEqual({ before: null, after: second });

		board = await readBoard(request);
		expect(column(board, 'intake').slice(0, 2)).toEqual([second.id, first.id]);

		const order = await readOrder(request, second.id);
		expect(order.customer).toEqual({
			id: first.customerId,
			givenName: 'Ada',
			familyName,
			phone: '555-0100',
			email: 'ada@example.com',
			preferredContact: 'call',
			ringSizes: null,
			notes: null,
			notificationsOff: false,
			createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/)
		});
	});

	test('read an order: its card, its customer and its times', async ({ request }) => {
		const card = await createOrder(request, {
			customer: { givenName: 'Lena', familyName: unique('Park'), email: '' },
			title: unique('Pearl studs'),
			dueDate: null
		});
		const response = await request.get(`${API}/orders/${card.id}`);
		const order = await bodyOf<Order>(response, 200);
		expect(response.headers()['content-type']).toContain('application/json');
		expect(cardOf(order)).toEqual(card);
		expect(order.customer).toEqual({
			id: card.customerId,
			givenName: 'Lena',
			familyName: expect.stringContaining('Park'),
			phone: null,
			email: null, // '' means none
			preferredContact: 'call',
			ringSizes: null,
			notes: null,
			notificationsOff: false,
			createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/)
		});
		for (const time of [order.createdAt, order.updatedAt, order.stageEnteredAt]) {
			expect(time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
		}
		expect(Math.abs(Date.parse(order.createdAt) - Date.now())).toBeLessThan(5 * 60_000);

		// Reading writes nothing.
		const seq = await healthSeq(request);
		await readOrder(request, card.id);
		expect(await healthSeq(request)).toBe(seq);
	});

	test('patch: the version goes up and order.updated says what changed', async ({ request }) => {
		const card = await createOrder(request);
		const newTitle = unique('Halo ring, platinum');
		const seq0 = await healthSeq(request);
		const intakeBefore = column(await readBoard(request), 'intake');

		const patched = await patchOrder(request, card.id, {
			version: 1,
			title: newTitle,
			dueDate: '2027-01-15',
			rush: true,
			assignee: 'Priya'
		});
		expect(cardOf(patched)).toEqual({
			...card,
			title: newTitle,
			dueDate: '2027-01-15',
			rush: true,
			assignee: 'Priya',
			version: 2
		});
		expect(await readOrder(request, card.id)).toEqual(patched);

		expect(await healthSeq(request)).toBe(seq0 + 1);
		const { events } = await eventsAfter(request, seq0);
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({ seq: seq0 + 1, orderId: card.id, type: 'order.updated' });
		expect(events[0].payload).toEqual({
			before: { title: card.title, dueDate: null, rush: false, assignee: null, version: 1 },
			after: { title: newTitle, dueDate: '2027-01-15', rush: true, assignee: 'Priya', version: 2 }
		});

		// Editing does not move the card.
		const board = await readBoard(request);
		expect(column(board, 'intake')).toEqual(intakeBefore);
		expect(board.orders.find((c) => c.id === card.id)).toEqual(cardOf(patched));

		// Clearing fields: only what changed is in the event.
		const cleared = await patchOrder(request, card.id, {
			version: 2,
			dueDate: null,
			assignee: null,
			rush: true // unchanged
		});
		expect(cleared).toMatchObject({ dueDate: null, assignee: null, rush: true, version: 3 });
		const clearedEvent = (await eventsAfter(request, seq0 + 1)).events;
		expect(clearedEvent).toHaveLength(1);
		expect(clearedEvent[0].payload).toEqual({
			before: { dueDate: '2027-01-15', assignee: 'Priya', version: 2 },
			after: { dueDate: null, assignee: null, version: 3 }
		});

		// Sending what is already there changes nothing: same version, no event.
		const same = await patchOrder(request, card.id, { version: 3, title: newTitle });
		expect(same.version).toBe(3);
		expect(await healthSeq(request)).toBe(seq0 + 2);
	});

	test('move to another stage after a given card and to the top', async ({ request }) => {
		const a = await createOrder(request);
		const b = await createOrder(request);
		const c = await createOrder(request);
		const designBefore = column(await readBoard(request), 'design');
		const seq0 = await healthSeq(request);

		// A to the top of design.
		const a2 = await moveOrder(request, a, 'design', null);
		expect(a2).toMatchObject({ id: a.id, stage: 'design', version: 2 });
		expect(column(await readBoard(request), 'design')).toEqual([a.id, ...designBefore]);
		const [movedEvent] = (await eventsAfter(request, seq0)).events;
		expect(movedEvent).toMatchObject({ seq: seq0 + 1, orderId: a.id, type: 'order.moved' });
		expect(movedEvent.payload).toEqual({
			before: {
				stage: 'intake',
				orderKey: a.orderKey,
				version: 1,
				stageEnteredAt: a.stageEnteredAt
			},
			after: {
				stage: 'design',
				orderKey: a2.orderKey,
				version: 2,
				stageEnteredAt: a2.stageEnteredAt
			}
		});

		// B after A, then C after A: C lands between them.
		const b2 = await moveOrder(request, b, 'design', a.id);
		expect(column(await readBoard(request), 'design')).toEqual([a.id, b.id, ...designBefore]);
		const c2 = await moveOrder(request, c, 'design', a.id);
		expect(column(await readBoard(request), 'design')).toEqual([a.id, c.id, b.id, ...designBefore]);

		// B to the top of the column it is already in.
		const b3 = await moveOrder(request, b2, 'design', null);
		expect(b3).toMatchObject({ stage: 'design', version: 3 });
		const expected = [b.id, a.id, c.id, ...designBefore];
		expect(column(await readBoard(request), 'design')).toEqual(expected);
		expect(column(await readBoard(request), 'intake')).not.toContain(a.id);

		// A move to where the card already is changes nothing.
		const seqBeforeNoop = await healthSeq(request);
		const a3 = await moveOrder(request, a2, 'design', b.id);
		expect(a3.version).toBe(2);
		expect(await healthSeq(request)).toBe(seqBeforeNoop);

		// It all survives re-reading: the board, each order, and the log.
		const reread = await readBoard(request);
		expect(column(reread, 'design')).toEqual(expected);
		expect(reread.seq).toBe(seq0 + 4);
		for (const [card, version] of [
			[a2, 2],
			[c2, 2],
			[b3, 3]
		] as const) {
			const order = await readOrder(request, card.id);
			expect(order).toMatchObject({ stage: 'design', version, orderKey: card.orderKey });
		}
		const log = await eventsAfter(request, seq0);
		expect(log.events.map((event) => [event.seq, event.type, event.orderId])).toEqual([
			[seq0 + 1, 'order.moved', a.id],
			[seq0 + 2, 'order.moved', b.id],
			[seq0 + 3, 'order.moved', c.id],
			[seq0 + 4, 'order.moved', b.id]
		]);
	});

	test('pickup from ready: off the board, still readable as picked_up', async ({ request }) => {
		const card = await createOrder(request);
		const ready = await moveOrder(request, card, 'ready', null);
		expect(ready).toMatchObject({ stage: 'ready', version: 2 });
		expect(column(await readBoard(request), 'ready')).toContain(card.id);
		const seq0 = await healthSeq(request);

		const picked = await bodyOf<OrderCard>(
			await request.post(`${API}/orders/${card.id}/pickup`, { data: { version: 2 } }),
			200
		);
		expect(picked).toMatchObject({ id: card.id, stage: 'picked_up', orderKey: null, version: 3 });

		const board = await readBoard(request);
		expect(board.orders.map((c) => c.id)).not.toContain(card.id);
		expect(board.seq).toBe(seq0 + 1);

		const order = await readOrder(request, card.id);
		expect(order).toMatchObject({ stage: 'picked_up', orderKey: null, version: 3 });

		const { events } = await eventsAfter(request, seq0);
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({ seq: seq0 + 1, orderId: card.id, type: 'order.picked_up' });
		expect(events[0].payload).toEqual({
			before: {
				stage: 'ready',
				orderKey: ready.orderKey,
				version: 2,
				stageEnteredAt: ready.stageEnteredAt
			},
			after: {
				stage: 'picked_up',
				orderKey: null,
				version: 3,
				stageEnteredAt: picked.stageEnteredAt
			}
		});
	});

	test('events?after=N returns exactly the events after N, in seq order', async ({ request }) => {
		const x = await createOrder(request);
		const n = await healthSeq(request);

		await patchOrder(request, x.id, { version: 1, rush: true });
		await moveOrder(request, { id: x.id, version: 2 }, 'casting', null);
		const y = await createOrder(request, { customer: { id: x.customerId } });

		const page = await eventsAfter(request, n);
		expect(page.lastSeq).toBe(n + 3);
		expect(page.events.map((event) => [event.seq, event.type, event.orderId])).toEqual([
			[n + 1, 'order.updated', x.id],
			[n + 2, 'order.moved', x.id],
			[n + 3, 'order.created', y.id]
		]);

		// A limit cuts the page; lastSeq still says how far the log goes.
		const limited = await eventsAfter(request, n, 2);
		expect(limited.events.map((event) => event.seq)).toEqual([n + 1, n + 2]);
		expect(limited.lastSeq).toBe(n + 3);
		const rest = await eventsAfter(request, n + 2, 2);
		expect(rest.events.map((event) => event.seq)).toEqual([n + 3]);

		// Caught up, or ahead: nothing.
		expect(await eventsAfter(request, n + 3)).toEqual({ events: [], lastSeq: n + 3 });
		expect(await eventsAfter(request, n + 1000)).toEqual({ events: [], lastSeq: n + 3 });

		// From the start: the whole log, gap-free and in order.
		const all = await eventsAfter(request, 0);
		expect(all.lastSeq).toBe(n + 3);
		expect(all.events.map((event) => event.seq)).toEqual(
			Array.from({ length: n + 3 }, (_, index) => index + 1)
		);
	});
});

// ---------------------------------------------------------------------------------------------
// Refused requests: each gets its status, a message, the field, and writes nothing
// ---------------------------------------------------------------------------------------------

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
		const picked = await bodyOf<OrderCard>(
			await request.post(`${API}/orders/${card.id}/pickup`, { data: { version: ready.version } }),
			200
		);
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
