import { expect, test } from './fixtures';
import type { Order } from '../../src/lib/types';
import {
	API,
	json,
	unique,
	bodyOf,
	healthSeq,
	readBoard,
	column,
	readOrder,
	eventsAfter,
	createOrder,
	patchOrder,
	moveOrder,
	cardOf
} from './api-helpers';
import type { CardAnswer, OrderAnswer } from '../../src/lib/api/answers';

/**
 * The JSON API as an integrator sees it: statuses, bodies, the event log, and that every refused
 * request leaves the database exactly as it was.
 *
 * One server and one database serve every test, one test at a time (workers: 1). Each test makes
 * the orders it needs, and compares the global seq before and after only within itself.
 */

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
		const first = (await bodyOf<CardAnswer>(response, 201)).card;
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
			customerItems: 0,
			intakeLocationId: expect.any(Number),
			pickupLocationId: expect.any(Number),
			locationId: expect.any(Number),
			transitFromId: null,
			transitToId: null,
			transitSince: null
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

	test('every order command answers with what it did and the seq of its event', async ({
		request
	}) => {
		const post = async (path: string, data: object, status = 200) =>
			bodyOf<{ seq: number | null }>(await request.post(`${API}${path}`, { data }), status);
		const created = await bodyOf<CardAnswer>(
			await request.post(`${API}/orders`, {
				data: {
					customer: { givenName: 'Wren', familyName: unique('Ashby') },
					title: unique('Ring')
				}
			}),
			201
		);
		// A new customer's order makes two events; the answer names the order's, the last.
		expect(created.seq).toBe(await healthSeq(request));
		const { card } = created;

		const moved = (await post(`/orders/${card.id}/move`, {
			stage: 'design',
			afterId: null,
			version: 1
		})) as CardAnswer;
		expect(moved).toEqual({
			seq: created.seq! + 1,
			card: expect.objectContaining({ stage: 'design', version: 2 })
		});
		const [event] = (await eventsAfter(request, created.seq!)).events;
		expect(event).toMatchObject({ seq: moved.seq, type: 'order.moved', orderId: card.id });

		// Nothing changed, nothing to name: no event, and seq is null.
		const again = (await post(`/orders/${card.id}/move`, {
			stage: 'design',
			afterId: null,
			version: 2
		})) as CardAnswer;
		expect(again).toEqual({ seq: null, card: moved.card });

		const undone = (await post(`/orders/${card.id}/undo`, { seq: moved.seq })) as CardAnswer;
		expect(undone).toEqual({
			seq: moved.seq! + 1,
			card: expect.objectContaining({ stage: 'intake', version: 3 })
		});

		const patched = await bodyOf<OrderAnswer>(
			await request.patch(`${API}/orders/${card.id}`, { data: { version: 3, rush: true } }),
			200
		);
		expect(patched.seq).toBe(undone.seq! + 1);
		expect(patched.order).toMatchObject({ id: card.id, rush: true, version: 4 });

		const blocked = (await post(
			`/orders/${card.id}/blockers`,
			{ description: 'Waiting on the customer to choose a stone' },
			201
		)) as OrderAnswer;
		expect(blocked.seq).toBe(patched.seq! + 1);
		expect(blocked.order.blockers).toHaveLength(1);
		expect(await healthSeq(request)).toBe(blocked.seq);
	});

	test('pickup from ready: off the board, still readable as picked_up', async ({ request }) => {
		const card = await createOrder(request);
		const ready = await moveOrder(request, card, 'ready', null);
		expect(ready).toMatchObject({ stage: 'ready', version: 2 });
		expect(column(await readBoard(request), 'ready')).toContain(card.id);
		const seq0 = await healthSeq(request);

		const picked = (
			await bodyOf<CardAnswer>(
				await request.post(`${API}/orders/${card.id}/pickup`, { data: { version: 2 } }),
				200
			)
		).card;
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

		// From the start: the whole log (page after page: the demo's year of history is thousands of
		// events), gap-free and in order.
		const seqs: number[] = [];
		for (let page = await eventsAfter(request, 0); page.events.length;) {
			expect(page.lastSeq).toBe(n + 3);
			seqs.push(...page.events.map((event) => event.seq));
			page = await eventsAfter(request, seqs.at(-1)!);
		}
		expect(seqs).toEqual(Array.from({ length: n + 3 }, (_, index) => index + 1));
	});
});

// ---------------------------------------------------------------------------------------------
// Refused requests: each gets its status, a message, the field, and writes nothing
// ---------------------------------------------------------------------------------------------
