import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/lib/server/errors';
import { eventsAfter } from '../../src/lib/server/events';
import { createOrder, getOrder, moveOrder, updateOrder } from '../../src/lib/server/orders';
import { getBoard } from '../../src/lib/server/board';
import { pickUpOrder } from '../../src/lib/server/release';
import type { StartedServices } from '../../src/lib/server/start';
import type { OrderEvent } from '../../src/lib/events';
import { backends } from '../helpers/services';

describe.each(backends)('order commands on $name', (backend) => {
	let services: StartedServices;
	const published: OrderEvent[] = [];
	const actor = () => services.shopActor;

	beforeAll(async () => {
		services = await backend.start();
		services.bus.subscribe((event) => published.push(event));
	});
	afterAll(() => services?.stop());

	async function counts() {
		const [row] = await services.db.sql<
			{ orders: number; customers: number; events: number; seq: number }[]
		>`
			select (select count(*)::int from orders) as orders,
				(select count(*)::int from customers) as customers,
				(select count(*)::int from order_events) as events,
				(select last_seq from event_counter) as seq`;
		return row;
	}

	async function rejected(work: () => Promise<unknown>) {
		const before = await counts();
		const error = await work().then(
			() => undefined,
			(error: unknown) => error
		);
		expect(error).toBeInstanceOf(DomainError);
		expect(await counts()).toEqual(before);
		return error as DomainError;
	}

	const newOrder = (title: string, extra: object = {}) =>
		createOrder(services, actor(), {
			customer: { givenName: 'Grace', familyName: 'Whitfield', phone: '555-0133' },
			title,
			dueDate: '2026-12-21',
			...extra
		}).then(({ card }) => card);

	it("creates an order and its customer, at the top of Intake: the customer's chain starts with it", async () => {
		const before = await counts();
		const first = await newOrder("Pendant from grandmother's diamond");
		const second = (
			await createOrder(services, actor(), {
				customer: { id: first.customerId },
				title: 'Matching earrings',
				rush: true
			})
		).card;
		expect(first).toMatchObject({
			stage: 'intake',
			version: 1,
			customerName: 'Grace Whitfield',
			rush: false
		});
		expect(first.number).toMatch(/^CO-\d{4,}$/);
		expect(second.customerId).toBe(first.customerId);
		expect(second.orderKey! < first.orderKey!).toBe(true);
		expect(await counts()).toEqual({
			orders: before.orders + 2,
			customers: before.customers + 1,
			events: before.events + 3,
			seq: before.seq + 3
		});
		const { events } = await eventsAfter(services.db.sql, before.seq, 10);
		expect(events.map((e) => [e.seq, e.type, e.orderId])).toEqual([
			[before.seq + 1, 'customer.created', null],
			[before.seq + 2, 'order.created', first.id],
			[before.seq + 3, 'order.created', second.id]
		]);
		expect(events[0].customerId).toBe(first.customerId);
		// The customer's details are the event's detail, which no screen receives.
		expect(events[0].payload).toMatchObject({
			before: null,
			after: {},
			detail: { after: { givenName: 'Grace', familyName: 'Whitfield' } }
		});
		expect(events[1].actor.name).toBe('Shop');
		expect(events[1].payload.after).toMatchObject({ title: "Pendant from grandmother's diamond" });
		expect(published.slice(-3).map((e) => e.seq)).toEqual([
			before.seq + 1,
			before.seq + 2,
			before.seq + 3
		]);
	});

	it('updates fields, recording before and after, and bumps the version', async () => {
		const order = await newOrder('Signet ring');
		const updated = (
			await updateOrder(services, actor(), order.id, {
				version: 1,
				title: 'Signet ring with family crest',
				rush: true,
				dueDate: '2026-12-24'
			})
		).card;
		expect(updated).toMatchObject({
			version: 2,
			title: 'Signet ring with family crest',
			rush: true,
			dueDate: '2026-12-24'
		});
		const event = published.at(-1)!;
		expect(event.type).toBe('order.updated');
		expect(event.payload.before).toEqual({
			title: 'Signet ring',
			rush: false,
			dueDate: '2026-12-21',
			version: 1
		});
		expect(event.payload.after).toEqual({
			title: 'Signet ring with family crest',
			rush: true,
			dueDate: '2026-12-24',
			version: 2
		});
		expect(await getOrder(services.db.sql, services.shopActor, order.id)).toMatchObject({
			title: 'Signet ring with family crest',
			version: 2
		});
	});

	it('an update that changes nothing writes nothing', async () => {
		const order = await newOrder('Tennis bracelet repair');
		const before = await counts();
		const same = (
			await updateOrder(services, actor(), order.id, {
				version: 1,
				title: 'Tennis bracelet repair'
			})
		).card;
		expect(same.version).toBe(1);
		expect(await counts()).toEqual(before);
	});

	it('moves an order to another stage after a given card and to the top', async () => {
		const a = await newOrder('Three-stone ring');
		const b = await newOrder('Eternity band');
		const c = await newOrder('Halo ring');
		const movedA = (
			await moveOrder(services, actor(), a.id, {
				stage: 'setting',
				afterId: null,
				version: 1
			})
		).card;
		const movedB = (
			await moveOrder(services, actor(), b.id, {
				stage: 'setting',
				afterId: a.id,
				version: 1
			})
		).card;
		const movedC = (
			await moveOrder(services, actor(), c.id, {
				stage: 'setting',
				afterId: null,
				version: 1
			})
		).card;
		expect([movedA.version, movedB.version, movedC.version]).toEqual([2, 2, 2]);
		const board = await getBoard(services.db.sql, services.shopActor);
		const setting = board.orders.filter((o) => o.stage === 'setting').map((o) => o.id);
		expect(setting).toEqual([c.id, a.id, b.id]);
		const event = published.at(-1)!;
		expect(event).toMatchObject({ type: 'order.moved', orderId: c.id });
		expect(event.payload.before).toMatchObject({ stage: 'intake', version: 1 });
		expect(event.payload.after).toMatchObject({
			stage: 'setting',
			version: 2,
			orderKey: movedC.orderKey
		});
		expect(board.seq).toBe(event.seq);
	});

	it('refuses a stale version, a neighbour that moved away, and a card after itself, writing nothing', async () => {
		const a = await newOrder('Pear morganite ring');
		const b = await newOrder('Wedding band');
		(await moveOrder(services, actor(), a.id, { stage: 'casting', afterId: null, version: 1 }))
			.card;

		const stale = await rejected(() =>
			moveOrder(services, actor(), a.id, { stage: 'polishing', afterId: null, version: 1 })
		);
		expect(stale.status).toBe(409);
		expect(stale.details.current).toMatchObject({ id: a.id, stage: 'casting', version: 2 });

		const staleEdit = await rejected(() =>
			updateOrder(services, actor(), a.id, { version: 1, title: 'x' })
		);
		expect(staleEdit.status).toBe(409);

		const neighbour = await rejected(() =>
			moveOrder(services, actor(), b.id, { stage: 'design', afterId: a.id, version: 1 })
		);
		expect(neighbour.status).toBe(409);
		expect(neighbour.message).toContain('no longer in Design');
		expect(neighbour.details.current).toMatchObject({ id: b.id, stage: 'intake' });

		const self = await rejected(() =>
			moveOrder(services, actor(), b.id, { stage: 'intake', afterId: b.id, version: 1 })
		);
		expect(self.status).toBe(409);

		const missing = await rejected(() =>
			moveOrder(services, actor(), 999_999, { stage: 'design', afterId: null, version: 1 })
		);
		expect(missing.status).toBe(404);
	});

	it('refuses bad input and an unknown customer, writing nothing', async () => {
		expect((await rejected(() => newOrder(''))).details.field).toBe('title');
		expect((await rejected(() => newOrder('Ring', { dueDate: '2026-13-01' }))).details.field).toBe(
			'dueDate'
		);
		const unknown = await rejected(() =>
			createOrder(services, actor(), { customer: { id: 424242 }, title: 'Ring' })
		);
		expect(unknown).toMatchObject({ status: 400, details: { field: 'customer.id' } });
	});

	it('picks up only a piece that is ready, archiving it off the board', async () => {
		const order = await newOrder('Pearl drop earrings');
		const early = await rejected(() => pickUpOrder(services, actor(), order.id, { version: 1 }));
		expect(early.status).toBe(409);
		const ready = (
			await moveOrder(services, actor(), order.id, {
				stage: 'ready',
				afterId: null,
				version: 1
			})
		).card;
		const picked = (await pickUpOrder(services, actor(), order.id, { version: ready.version }))
			.card;
		expect(picked).toMatchObject({ stage: 'picked_up', orderKey: null, version: 3 });
		expect(published.at(-1)).toMatchObject({ type: 'order.picked_up', orderId: order.id });
		const board = await getBoard(services.db.sql, services.shopActor);
		expect(board.orders.some((o) => o.id === order.id)).toBe(false);
		expect((await getOrder(services.db.sql, services.shopActor, order.id)).stage).toBe('picked_up');

		const reopened = await rejected(() =>
			moveOrder(services, actor(), order.id, { stage: 'intake', afterId: null, version: 3 })
		);
		expect(reopened).toMatchObject({ status: 409, message: expect.stringContaining('archived') });
		const edited = await rejected(() =>
			updateOrder(services, actor(), order.id, { version: 3, title: 'x' })
		);
		expect(edited.status).toBe(409);
	});

	it('keeps keys short through 1,000 inserts at one spot, in the order they were placed', async () => {
		const anchor = await newOrder('Anchor');
		const tail = await newOrder('Tail');
		(
			await moveOrder(services, actor(), anchor.id, {
				stage: 'polishing',
				afterId: null,
				version: 1
			})
		).card;
		(
			await moveOrder(services, actor(), tail.id, {
				stage: 'polishing',
				afterId: anchor.id,
				version: 1
			})
		).card;
		const placed: number[] = [];
		for (let i = 0; i < 1000; i++) {
			const order = await newOrder(`Melee band ${i}`);
			(
				await moveOrder(services, actor(), order.id, {
					stage: 'polishing',
					afterId: anchor.id,
					version: 1
				})
			).card;
			placed.push(order.id);
		}
		const column = (await getBoard(services.db.sql, services.shopActor)).orders.filter(
			(o) => o.stage === 'polishing'
		);
		expect(column.map((o) => o.id)).toEqual([anchor.id, ...placed.reverse(), tail.id]);
		expect(Math.max(...column.map((o) => o.orderKey!.length))).toBeLessThanOrEqual(12);
		expect(published.some((e) => e.payload.rekeyed?.length)).toBe(true);
	}, 120_000);

	it('the event log refuses updates and deletes', async () => {
		await expect(services.db.sql`update order_events set type = 'x'`).rejects.toThrow(
			/append-only/
		);
		await expect(services.db.sql`delete from order_events`).rejects.toThrow(/append-only/);
	});
});
