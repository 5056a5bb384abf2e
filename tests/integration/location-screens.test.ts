import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BoardStore } from '../../src/lib/board/store.svelte';
import type { OrderEvent } from '../../src/lib/events';
import {
	createDisplay,
	signInDisplay,
	updateDisplayOptions
} from '../../src/lib/server/auth/displays';
import { createApiToken } from '../../src/lib/server/auth/api-tokens';
import { authenticateBearer } from '../../src/lib/server/auth/bearer';
import { getBoard, readBoard } from '../../src/lib/server/board';
import { belongsTo } from '../../src/lib/locations';
import { runCommand } from '../../src/lib/server/commands';
import { appendEvent, readEvents, type Actor } from '../../src/lib/server/events';
import { createOrder, updateOrder } from '../../src/lib/server/orders';
import type { StartedServices } from '../../src/lib/server/start';
import type { OrderCard } from '../../src/lib/types';
import { backends } from '../helpers/services';
import { screen, socketServer } from '../helpers/sockets';
import { until } from '../helpers/until';

type Screen = Awaited<ReturnType<typeof screen>>;

const eventsOf = (one: Screen) =>
	one.received
		.filter(({ name }) => name === 'order:event')
		.map(({ payload }) => payload as OrderEvent);

describe.each(backends)('wall displays limited to one location on $name', (backend) => {
	let services: StartedServices;
	let server: Awaited<ReturnType<typeof socketServer>>;
	const screens: Screen[] = [];
	let owner: Actor;
	let storeA: number;
	let storeB: number;

	beforeAll(async () => {
		services = await backend.start();
		server = await socketServer(services);
		owner = { id: services.shopActor.id, name: 'Avery Stone', role: 'owner' };
		[{ id: storeA }] = await services.db.sql<{ id: number }[]>`
			select id from locations order by id limit 1`;
		[{ id: storeB }] = await services.db.sql<{ id: number }[]>`
			insert into locations (name, kind) values ('Harbor Street', 'store') returning id`;
	});
	afterAll(async () => {
		for (const one of screens) one.socket.close();
		await server?.close();
		await services?.stop();
	});

	/** A wall display limited to `locationId`, its actor (as its session reads) and its open socket. */
	async function wallDisplay(name: string, locationId: number) {
		const { display, linkToken } = await createDisplay(services, owner, { name });
		await updateDisplayOptions(services, owner, display.id, { locationId });
		const session = (await signInDisplay(services, linkToken, { ip: null, userAgent: null }))!;
		const tv = await screen(server.url, session.token);
		screens.push(tv);
		const actor: Actor = { id: display.id, name, role: 'display' };
		return { actor, tv, token: session.token };
	}

	/** An order taken in (and to be picked up, and made) at `locationId`. */
	async function orderAt(locationId: number, givenName: string): Promise<OrderCard> {
		const { card } = await createOrder(services, owner, {
			customer: { givenName, familyName: 'Okafor' },
			title: `Ring for ${givenName}`
		});
		await services.db.sql`
			update orders set intake_location_id = ${locationId}, pickup_location_id = ${locationId},
				location_id = ${locationId}
			where id = ${card.id}`;
		return { ...card, intakeLocationId: locationId, pickupLocationId: locationId, locationId };
	}

	/** Sends the piece from where it is to `to`: in transit, as a transfer records it. */
	async function send(card: OrderCard, from: number, to: number) {
		await runCommand(services, async (tx) => {
			await tx`update orders set location_id = null, version = version + 1 where id = ${card.id}`;
			await tx`
				insert into transfers (order_id, from_location_id, to_location_id, sent_by)
				values (${card.id}, ${from}, ${to}, ${owner.id})`;
			const [{ version }] = await tx<{ version: number }[]>`
				select version from orders where id = ${card.id}`;
			const event = await appendEvent(tx, card.id, 'order.updated', owner, {
				before: { locationId: from, transitToId: null, version: version - 1 },
				after: { locationId: null, transitFromId: from, transitToId: to, version }
			});
			return { result: null, event };
		});
	}

	const rename = async (card: OrderCard, title: string) => {
		const [{ version }] = await services.db.sql<{ version: number }[]>`
			select version from orders where id = ${card.id}`;
		return updateOrder(services, owner, card.id, { title, version });
	};

	it("a display limited to store A gets A's orders and events, and nothing of store B's", async () => {
		const forA = await orderAt(storeA, 'Hannah');
		const forB = await orderAt(storeB, 'Priya');
		const a = await wallDisplay('Front TV', storeA);
		const b = await wallDisplay('Harbor TV', storeB);

		const boardA = await getBoard(services.db.sql, a.actor);
		expect(boardA.limitedTo).toBe(storeA);
		expect(boardA.orders.map((card) => card.id)).toEqual([forA.id]);
		expect(Object.values(boardA.stageCounts).reduce((sum, n) => sum + n, 0)).toBe(1);

		const { seq: seqA } = await rename(forA, 'Oval solitaire');
		const { seq: seqB } = await rename(forB, 'Eternity band');
		await until(() => eventsOf(b.tv).some((event) => event.seq === seqB), "B's event on B", 3000);
		await until(() => eventsOf(a.tv).some((event) => event.seq === seqA), "A's event on A", 3000);
		// Not even masked: the display hears nothing of B's order.
		expect(eventsOf(a.tv).map((event) => event.orderId)).not.toContain(forB.id);
		expect(eventsOf(b.tv).map((event) => event.orderId)).not.toContain(forA.id);
		const event = eventsOf(a.tv).find((one) => one.seq === seqA)!;
		expect(event.payload.after).toMatchObject({ title: 'Oval solitaire' });
		expect(event.actor).toEqual({ id: 0, name: '' });
		expect(event.prevSeq).toBeLessThan(seqA!);

		// The catch-up reads A's events only, and how far it read.
		const page = await readEvents(services.db.sql, a.actor, { after: String(boardA.seq) });
		expect(page.events.map((one) => one.orderId)).toEqual([forA.id]);
		expect(page.through).toBe(page.lastSeq);
	});

	it("an order sent to A arrives on A's display whole (masked), and leaves B's", async () => {
		const fromB = await orderAt(storeB, 'Sofia');
		const a = await wallDisplay('Front TV 2', storeA);
		const b = await wallDisplay('Harbor TV 2', storeB);
		const storeOnA = new BoardStore(await getBoard(services.db.sql, a.actor), () => {});
		const storeOnB = new BoardStore(await getBoard(services.db.sql, b.actor), () => {});
		expect(storeOnA.confirmed.has(fromB.id)).toBe(false);
		expect(storeOnB.confirmed.has(fromB.id)).toBe(true);

		await send(fromB, storeB, storeA);
		await until(
			() => eventsOf(a.tv).some((event) => event.orderId === fromB.id),
			'the arrival on A',
			3000
		);
		const arrival = eventsOf(a.tv).find((event) => event.orderId === fromB.id)!;
		expect(arrival.payload.after).toMatchObject({
			id: fromB.id,
			title: 'Ring for Sofia',
			customerName: 'Sofia O.',
			transitToId: storeA,
			locationId: null
		});
		for (const one of eventsOf(a.tv)) storeOnA.receive(one);
		expect(storeOnA.confirmed.get(fromB.id)?.customerName).toBe('Sofia O.');

		// It is B's customer's order still (picked up at B): B keeps it, now in transit.
		await until(
			() => eventsOf(b.tv).some((event) => event.orderId === fromB.id),
			'the sending on B',
			3000
		);
		for (const one of eventsOf(b.tv)) storeOnB.receive(one);
		expect(storeOnB.confirmed.get(fromB.id)).toMatchObject({
			transitToId: storeA,
			locationId: null
		});
	});

	it('a column laid out anew reaches every location whose cards got new keys', async () => {
		// A move of A's order that re-keys the column (rare: its keys had grown long) also gives B's
		// cards new keys: B's display must hear it, or its column would sort on keys that are gone.
		const [moving, other] = [await orderAt(storeA, 'Kemi'), await orderAt(storeB, 'Tolu')];
		const { result: event } = await runCommand(services, async (tx) => {
			const appended = await appendEvent(tx, moving.id, 'order.moved', owner, {
				before: {
					stage: 'intake',
					orderKey: 'a0',
					version: 1,
					stageEnteredAt: moving.stageEnteredAt
				},
				after: {
					stage: 'intake',
					orderKey: 'a1',
					version: 2,
					stageEnteredAt: moving.stageEnteredAt
				},
				rekeyed: [{ id: other.id, orderKey: 'a2' }]
			});
			return { result: appended, event: appended };
		});
		expect(event.locationIds).toEqual([storeA, storeB].sort((a, b) => a - b));
	});

	it('after a disconnect, catching up gives exactly the board a fresh load gives', async () => {
		const a = await wallDisplay('Front TV 3', storeA);
		const catchUps: number[] = [];
		const store = new BoardStore(await getBoard(services.db.sql, a.actor), (after) =>
			catchUps.push(after)
		);
		const first = await orderAt(storeA, 'Maya');
		const { seq } = await rename(first, 'Cushion halo');
		await until(() => eventsOf(a.tv).some((event) => event.seq === seq), 'the rename', 3000);
		for (const one of eventsOf(a.tv)) store.receive(one);
		a.tv.socket.close();

		// Away: changes at both stores, and an order of B's sent to A, and one of A's to B.
		const second = await orderAt(storeA, 'Lena');
		const third = await orderAt(storeB, 'Ines');
		await rename(third, 'Signet ring');
		await send(third, storeB, storeA);
		await rename(second, 'Tennis bracelet');
		const pickedUpElsewhere = await orderAt(storeA, 'Omar');
		await services.db.sql`
			update orders set intake_location_id = ${storeB}, pickup_location_id = ${storeB}
			where id = ${pickedUpElsewhere.id}`;
		await send(pickedUpElsewhere, storeA, storeB);
		for (let i = 0; i < 3; i++) await rename(third, `Signet ring ${i}`);

		// Catch up a page of two at a time, as a screen does with its limit.
		for (;;) {
			const page = await readEvents(services.db.sql, a.actor, {
				after: String(store.seq),
				limit: '2'
			});
			for (const one of page.events) store.receive(one);
			store.readThrough(page.through);
			if (store.seq >= page.lastSeq) break;
		}
		const fresh = await getBoard(services.db.sql, a.actor);
		expect(store.seq).toBe(fresh.seq);
		const byId = (cards: Iterable<OrderCard>) =>
			[...cards].sort((x, y) => x.id - y.id).map(({ stageEnteredAt: _s, ...card }) => card);
		expect(byId(store.confirmed.values())).toEqual(byId(fresh.orders));
		expect(fresh.orders.map((card) => card.id)).toContain(third.id);
		expect(fresh.orders.map((card) => card.id)).not.toContain(pickedUpElsewhere.id);
	});

	it("changing a display's location moves its socket to the new location's events", async () => {
		const atA = await orderAt(storeA, 'Noor');
		const atB = await orderAt(storeB, 'Tomas');
		const moving = await wallDisplay('Travelling TV', storeA);
		await updateDisplayOptions(services, owner, moving.actor.id, { locationId: storeB });
		await until(
			() => moving.tv.received.some(({ name }) => name === 'display:options'),
			'the new options on the display',
			3000
		);
		const { seq: seqA } = await rename(atA, 'Bezel pendant');
		const { seq: seqB } = await rename(atB, 'Hoop earrings');
		await until(
			() => eventsOf(moving.tv).some((event) => event.seq === seqB),
			"B's event on the display moved to B",
			3000
		);
		expect(eventsOf(moving.tv).map((event) => event.seq)).not.toContain(seqA);
		expect((await getBoard(services.db.sql, moving.actor)).limitedTo).toBe(storeB);
	});

	it("a display token is no display device: another device's location never limits its board", async () => {
		const { secret } = await createApiToken(services, owner, {
			name: 'Showroom feed',
			role: 'display'
		});
		const token = await authenticateBearer(services, `Bearer ${secret}`);
		// A wall display whose id is the token's users row, limited to store B.
		await services.db.sql`
			insert into display_devices (id, name, link_hash, created_by, options)
			values (${token.id}, 'Same id TV', ${`same-id-${token.id}`}, ${owner.id},
				${services.db.sql.json({ locationId: storeB })})
			on conflict (id) do update set options = excluded.options`;
		const board = await getBoard(services.db.sql, token);
		expect(board.limitedTo).toBeUndefined();
		expect(board.orders.some((card) => !belongsTo(card, storeB))).toBe(true);
	});

	it("the owner's choice of location is validated, and the API's board filters by location", async () => {
		const there = await orderAt(storeB, 'Wren');
		const board = await readBoard(
			services.db.sql,
			owner,
			new URLSearchParams(`location=${storeB}`)
		);
		expect(board.view).toBe(`location=${storeB}`);
		expect(board.orders.map((card) => card.id)).toContain(there.id);
		expect(board.orders.every((card) => belongsTo(card, storeB))).toBe(true);
		const all = await readBoard(services.db.sql, owner, new URLSearchParams());
		expect(all.orders.length).toBeGreaterThan(board.orders.length);

		const { display } = await createDisplay(services, owner, { name: 'Spare TV' });
		await expect(
			updateDisplayOptions(services, owner, display.id, { locationId: 9999 })
		).rejects.toMatchObject({ status: 400, details: { field: 'locationId' } });
		await expect(
			updateDisplayOptions(services, owner, display.id, { locationId: 'two' })
		).rejects.toMatchObject({ status: 400, details: { field: 'locationId' } });
	});
});
