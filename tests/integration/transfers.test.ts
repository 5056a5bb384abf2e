import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInItem, handOffItem, returnItem } from '../../src/lib/server/custody';
import type { Actor } from '../../src/lib/server/events';
import { createOrder, getOrder, moveOrder } from '../../src/lib/server/orders';
import { pickUpOrder } from '../../src/lib/server/release';
import { getOrderHistory } from '../../src/lib/server/history';
import { updateLocation } from '../../src/lib/server/locations';
import { receiveTransfer, sendTransfer } from '../../src/lib/server/transfers';
import { createVendor } from '../../src/lib/server/vendors';
import { historySentence } from '../../src/lib/words/history';
import { shopFormat } from '../../src/lib/words/format';
import type { StartedServices } from '../../src/lib/server/start';
import type { OrderEvent } from '../../src/lib/events';
import { oneEventChecker, refusalChecker } from '../helpers/commands';
import { backends } from '../helpers/services';

describe.each(backends)('transfers between locations on $name', (backend) => {
	let services: StartedServices;
	const published: OrderEvent[] = [];
	const people: Record<'staff' | 'bench' | 'display', Actor> = {} as never;
	let store: number;
	let workshop: number;
	let harbor: number;
	let caster: number;

	beforeAll(async () => {
		services = await backend.start();
		services.bus.subscribe((event) => published.push(event));
		for (const [role, name] of [
			['staff', 'Sam Ortiz'],
			['bench', 'Elena Novak']
		] as const) {
			const [user] = await services.db.sql<{ id: number }[]>`
				insert into users (username, display_name, role)
				values (${role + '-transfers'}, ${name}, ${role}) returning id`;
			people[role] = { id: user.id, name, role };
		}
		// A wall display acts under its device's name, never as a person.
		people.display = { id: people.staff.id, name: 'Showroom wall', role: 'display' };
		[{ id: store }] = await services.db.sql<{ id: number }[]>`
			update locations set name = 'Main Street' where id = default_location() returning id`;
		[{ id: workshop }] = await services.db.sql<{ id: number }[]>`
			insert into locations (name, kind) values ('Workshop', 'workshop') returning id`;
		[{ id: harbor }] = await services.db.sql<{ id: number }[]>`
			insert into locations (name, kind, archived_at) values ('Harbor', 'store', now())
			returning id`;
		caster = (
			await createVendor(services.db.sql, services.shopActor, {
				name: 'Pacific Casting House',
				kind: 'casting'
			})
		).id;
	});
	afterAll(() => services?.stop());

	async function snapshot() {
		const [row] = await services.db.sql`
			select (select last_seq from event_counter) as seq,
				(select count(*)::int from transfers) as transfers,
				(select count(*)::int from custody_handoffs) as handoffs,
				(select coalesce(sum(version), 0)::int from customer_items) as item_versions,
				(select coalesce(sum(version), 0)::int from orders) as versions,
				(select array_agg(location_id order by id) from orders) as places`;
		return row;
	}
	const refused = refusalChecker(snapshot);
	const oneEvent = (work: () => Promise<unknown>) => oneEventChecker(services, published)(work);

	const newOrder = () =>
		createOrder(services, people.staff, {
			customer: { givenName: 'Sofia', familyName: 'Lindqvist' },
			title: 'Remake grandmother’s ring as a bezel solitaire',
			pieceType: 'remount'
		}).then(({ card }) => card);
	const orderOf = (id: number) => getOrder(services.db.sql, people.staff, id);

	it('follows the piece and the heirloom from the store to the workshop and back', async () => {
		const card = await newOrder();
		expect(card.locationId).toBe(store);
		await checkInItem(services, people.staff, card.id, {
			kind: 'jewelry',
			description: 'Grandmother’s ring',
			weight: 4.21,
			weightUnit: 'g',
			to: { kind: 'place', place: 'Safe' }
		});
		let order = await orderOf(card.id);
		const ring = order.items[0];

		const sent = await oneEvent(() =>
			sendTransfer(services, people.staff, card.id, {
				version: order.version,
				toLocationId: workshop,
				items: [{ id: ring.id, weight: 4.21 }],
				note: 'For setting'
			})
		);
		expect(sent.type).toBe('order.transfer_sent');
		// Filed under both ends, so the store hears it left and the workshop that it is coming.
		expect(sent.locationIds).toEqual([store, workshop].sort((a, b) => a - b));
		expect(sent.payload.before).toMatchObject({ locationId: store, transitToId: null });
		expect(sent.payload.after).toMatchObject({
			locationId: null,
			transitFromId: store,
			transitToId: workshop,
			version: order.version + 1
		});
		order = await orderOf(card.id);
		expect(order).toMatchObject({ locationId: null, transitFromId: store, transitToId: workshop });
		expect(Date.parse(order.transitSince!)).toBeGreaterThan(Date.now() - 60_000);
		expect(order.items[0].holder).toMatchObject({
			kind: 'transit',
			name: 'In transit to Workshop'
		});

		// In transit, the ring goes nowhere but with the piece, and the piece is sent once.
		const handOff = await refused(() =>
			handOffItem(services, people.bench, card.id, ring.id, {
				version: order.items[0].version,
				to: { kind: 'person', userId: people.bench.id }
			})
		);
		expect(handOff.status).toBe(409);
		const again = await refused(() =>
			sendTransfer(services, people.staff, card.id, { version: order.version, toLocationId: store })
		);
		expect(again.status).toBe(409);
		expect(again.message).toMatch(/already in transit/);

		// Received at the workshop lighter than it left: the trail flags it.
		const received = await oneEvent(() =>
			receiveTransfer(services, people.bench, card.id, {
				version: order.version,
				items: [{ id: ring.id, weight: 4.02 }]
			})
		);
		expect(received.locationIds).toContain(workshop);
		expect(received.payload.after).toMatchObject({ locationId: workshop, transitToId: null });
		order = await orderOf(card.id);
		expect(order.locationId).toBe(workshop);
		expect(order.items[0].holder).toEqual({ kind: 'place', id: workshop, name: 'Workshop' });
		expect(order.items[0].flagged).toBe(true);

		// The bench takes it, then sends it back with the piece; back at the store, weighed again.
		await handOffItem(services, people.bench, card.id, ring.id, {
			version: order.items[0].version,
			to: { kind: 'person', userId: people.bench.id }
		});
		order = await orderOf(card.id);
		await sendTransfer(services, people.bench, card.id, {
			version: order.version,
			toLocationId: store
		});
		order = await orderOf(card.id);
		await receiveTransfer(services, people.staff, card.id, {
			version: order.version,
			items: [{ id: ring.id, weight: 4.02 }]
		});
		order = await orderOf(card.id);
		expect(order.locationId).toBe(store);
		expect(order.transitToId).toBeNull();
		expect(
			order.items[0].trail.map((step) => `${step.from.name} → ${step.to.name} (${step.by})`)
		).toEqual([
			'The customer → Safe (Sam Ortiz)',
			'Safe → In transit to Workshop (Sam Ortiz)',
			'In transit to Workshop → Workshop (Elena Novak)',
			'Workshop → Elena Novak (Elena Novak)',
			'Elena Novak → In transit to Main Street (Elena Novak)',
			'In transit to Main Street → Main Street (Sam Ortiz)'
		]);
		expect(order.items[0].trail.map((step) => step.weight)).toEqual([
			4.21,
			4.21,
			4.02,
			null,
			null,
			4.02
		]);

		const history = await getOrderHistory(services.db.sql, people.staff, card.id);
		const words = {
			format: shopFormat({ locale: 'en-US', timeZone: 'UTC', currency: 'USD' })
		};
		const sentences = history.entries
			.filter((entry) => entry.type.startsWith('order.transfer'))
			.map((entry) => historySentence(entry, words));
		expect(sentences).toEqual([
			'Sam Ortiz sent the piece from Main Street to Workshop with Grandmother’s ring (4.21 g) · “For setting”',
			'Elena Novak received the piece at Workshop from Main Street with Grandmother’s ring (4.02 g)',
			'Elena Novak sent the piece from Workshop to Main Street with Grandmother’s ring',
			'Sam Ortiz received the piece at Main Street from Workshop with Grandmother’s ring (4.02 g)'
		]);
	});

	it('leaves behind what is with a vendor or back with the customer', async () => {
		const card = await newOrder();
		for (const description of ['Old band', 'Loose sapphire', 'Chain']) {
			await checkInItem(services, people.staff, card.id, {
				kind: 'other',
				description,
				weightUnit: 'g'
			});
		}
		let order = await orderOf(card.id);
		const [band, sapphire, chain] = order.items;
		await handOffItem(services, people.staff, card.id, band.id, {
			version: band.version,
			to: { kind: 'vendor', vendorId: caster }
		});
		await returnItem(services, people.staff, card.id, sapphire.id, { version: sapphire.version });
		order = await orderOf(card.id);
		const sent = await oneEvent(() =>
			sendTransfer(services, people.staff, card.id, {
				version: order.version,
				toLocationId: workshop
			})
		);
		expect(
			(sent.payload.detail?.after as { items: { id: number }[] }).items.map((item) => item.id)
		).toEqual([chain.id]);
		order = await orderOf(card.id);
		const holders = Object.fromEntries(order.items.map((item) => [item.id, item.holder.kind]));
		expect(holders).toEqual({
			[band.id]: 'vendor',
			[sapphire.id]: 'customer',
			[chain.id]: 'transit'
		});
	});

	it('refuses bad input, stale versions, the wall display and a piece not in transit, changing nothing', async () => {
		const card = await newOrder();
		const { version } = await orderOf(card.id);
		const display = await refused(() =>
			sendTransfer(services, people.display, card.id, { version, toLocationId: workshop })
		);
		expect(display.status).toBe(403);
		const stale = await refused(() =>
			sendTransfer(services, people.staff, card.id, {
				version: version - 1 || 99,
				toLocationId: workshop
			})
		);
		expect(stale.status).toBe(409);
		const cases: [unknown, string][] = [
			[{ version, toLocationId: store }, 'toLocationId'],
			[{ version, toLocationId: harbor }, 'toLocationId'],
			[{ version, toLocationId: 999999 }, 'toLocationId'],
			[{ version, toLocationId: 'Workshop' }, 'toLocationId'],
			[{ version }, 'toLocationId'],
			[{ toLocationId: workshop }, 'version'],
			[{ version, toLocationId: workshop, note: 'x'.repeat(301) }, 'note'],
			[{ version, toLocationId: workshop, items: [{ id: 999999 }] }, 'items[0].id'],
			[{ version, toLocationId: workshop, items: [{ id: 1, weight: -1 }] }, 'items[0].weight'],
			[{ version, toLocationId: workshop, color: 'red' }, 'color']
		];
		for (const [input, field] of cases) {
			const error = await refused(() => sendTransfer(services, people.staff, card.id, input));
			expect(error.status, JSON.stringify(input)).toBe(400);
			if (field) expect(error.details.field, JSON.stringify(input)).toBe(field);
		}
		const notSent = await refused(() =>
			receiveTransfer(services, people.staff, card.id, { version })
		);
		expect(notSent.status).toBe(409);
		expect(notSent.message).toMatch(/not in transit/);
		await sendTransfer(services, people.staff, card.id, { version, toLocationId: workshop });
		const receiveDisplay = await refused(() =>
			receiveTransfer(services, people.display, card.id, { version: version + 1 })
		);
		expect(receiveDisplay.status).toBe(403);
		const receiveStale = await refused(() =>
			receiveTransfer(services, people.staff, card.id, { version })
		);
		expect(receiveStale.status).toBe(409);
	});

	it('will not hand a piece in transit over to the customer', async () => {
		const card = await newOrder();
		const { card: ready } = await moveOrder(services, people.staff, card.id, {
			stage: 'ready',
			afterId: null,
			version: card.version
		});
		await sendTransfer(services, people.staff, card.id, {
			version: ready.version,
			toLocationId: workshop
		});
		const { version } = await orderOf(card.id);
		const error = await refused(() =>
			pickUpOrder(services, services.shopActor, card.id, { version, returnedItemIds: [] })
		);
		expect(error.status).toBe(409);
		expect(error.message).toMatch(/in transit/);
	});

	it('never leaves a piece on its way to a location archived at the same moment', async () => {
		const owner: Actor = { id: services.shopActor.id, name: 'Avery Stone', role: 'owner' };
		for (let round = 0; round < 8; round++) {
			const [{ id: annex, version }] = await services.db.sql<{ id: number; version: number }[]>`
				insert into locations (name, kind) values (${`Annex ${round}`}, 'workshop')
				returning id, version`;
			const card = await newOrder();
			const outcomes = await Promise.allSettled([
				sendTransfer(services, people.staff, card.id, {
					version: card.version,
					toLocationId: annex
				}),
				updateLocation(services, owner, annex, { version, archived: true })
			]);
			// Exactly one of them wins: the piece is on its way to an open annex, or the annex closed
			// before anything was sent there.
			expect(outcomes.filter((one) => one.status === 'fulfilled')).toHaveLength(1);
			const [row] = await services.db.sql<{ archived: boolean; heading: number }[]>`
				select archived_at is not null as archived,
					(select count(*)::int from transfers where to_location_id = ${annex} and received_at is null) as heading
				from locations where id = ${annex}`;
			expect(row.archived && row.heading > 0).toBe(false);
		}
	});
});
