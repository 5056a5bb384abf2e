import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderEvent } from '../../src/lib/events';
import type { Location } from '../../src/lib/locations';
import type { Actor } from '../../src/lib/server/events';
import {
	createLocation,
	listLocations,
	readLocations,
	readTransferAlertHours,
	updateLocation,
	updateTransferAlertHours
} from '../../src/lib/server/locations';
import { createOrder, updateOrder } from '../../src/lib/server/orders';
import { undoChange } from '../../src/lib/server/undo';
import { setHomeLocation } from '../../src/lib/server/auth/home-location';
import { listSettingsChanges } from '../../src/lib/server/settings-trail';
import type { StartedServices } from '../../src/lib/server/start';
import { changeLines, sectionTitle } from '../../src/lib/words/settings-trail';
import { refusalChecker } from '../helpers/commands';
import { backends } from '../helpers/services';

/** The owner's stores and workshops, and where each new order is taken in and picked up. */
describe.each(backends)('locations, kept by the owner, on $name', (backend) => {
	let services: StartedServices;
	const published: OrderEvent[] = [];
	const people = {} as Record<'owner' | 'manager' | 'staff' | 'bench' | 'display', Actor>;
	let main: Location;

	beforeAll(async () => {
		services = await backend.start();
		services.bus.subscribe((event) => published.push(event));
		for (const role of ['owner', 'manager', 'staff', 'bench'] as const) {
			const [user] = await services.db.sql<{ id: number }[]>`
				insert into users (username, display_name, role)
				values (${role + '-loc'}, ${role + ' person'}, ${role}) returning id`;
			people[role] = { id: user.id, name: `${role} person`, role };
		}
		people.display = { id: people.owner.id, name: 'Front window', role: 'display' };
		[main] = await readLocations(services.db.sql);
	});
	afterAll(() => services?.stop());

	const refused = refusalChecker(async () => ({
		locations: await readLocations(services.db.sql),
		changes: (await listSettingsChanges(services, people.owner)).length,
		hours: await readTransferAlertHours(services.db.sql)
	}));
	const order = (extra: object = {}) => ({
		customer: { givenName: 'Maya', familyName: 'Okafor' },
		title: 'Oval solitaire in 14k yellow gold',
		...extra
	});

	it('a shop of one store takes orders in and hands them over there, as before', async () => {
		const { card } = await createOrder(services, people.staff, order());
		expect(card).toMatchObject({
			intakeLocationId: main.id,
			pickupLocationId: main.id,
			locationId: main.id
		});
	});

	let harbor: Location;
	let workshop: Location;
	it('the owner adds a store and a workshop; each addition is on the settings trail', async () => {
		harbor = await createLocation(services, people.owner, {
			name: 'Harbor store',
			kind: 'store',
			address: '2 Pier Road\nPortside',
			phone: '+1 555 0101',
			hours: 'Tue–Sat 10–6',
			timeZone: 'America/New_York'
		});
		expect(harbor).toMatchObject({
			name: 'Harbor store',
			kind: 'store',
			archived: false,
			address: '2 Pier Road\nPortside',
			timeZone: 'America/New_York',
			version: 1
		});
		workshop = await createLocation(services, people.owner, {
			name: 'Workshop',
			kind: 'workshop',
			timeZone: ''
		});
		expect(workshop).toMatchObject({ kind: 'workshop', address: '', timeZone: null });
		const [latest] = await listSettingsChanges(services, people.owner);
		expect(latest).toMatchObject({
			section: 'locations',
			after: { Workshop: { kind: 'workshop' } }
		});
		expect(sectionTitle(latest)).toBe('Locations');
		expect(changeLines(latest)[0]).toMatchObject({ label: 'Workshop', before: '(none)' });
		expect(changeLines(latest)[0].after).toContain('kind: workshop');
	});

	it('every role that reads the board lists them; a wall display gets their names alone', async () => {
		const full = (await listLocations(services.db.sql, people.bench)) as Location[];
		expect(full.map((location) => location.name)).toEqual([main.name, 'Harbor store', 'Workshop']);
		expect(full[1].phone).toBe('+1 555 0101');
		const names = await listLocations(services.db.sql, people.display);
		expect(names[1]).toEqual({
			id: harbor.id,
			name: 'Harbor store',
			kind: 'store',
			archived: false
		});
	});

	it('only the owner adds or changes one; bad input is a 400 naming the field and changes nothing', async () => {
		for (const role of ['manager', 'staff', 'bench', 'display'] as const) {
			expect(
				(await refused(() => createLocation(services, people[role], { name: 'X', kind: 'store' })))
					.status
			).toBe(403);
			expect(
				(
					await refused(() =>
						updateLocation(services, people[role], harbor.id, { version: 1, name: 'Y' })
					)
				).status
			).toBe(403);
		}
		const bad: [object, string][] = [
			[{ name: 'harbor STORE', kind: 'store' }, 'name'],
			[{ name: '', kind: 'store' }, 'name'],
			[{ name: 'x'.repeat(61), kind: 'store' }, 'name'],
			[{ name: 'Depot', kind: 'warehouse' }, 'kind'],
			[{ name: 'Depot', kind: 'store', timeZone: 'Mars/Olympus' }, 'timeZone'],
			[{ name: 'Depot', kind: 'store', phone: 'call us' }, 'phone']
		];
		for (const [input, field] of bad) {
			const error = await refused(() => createLocation(services, people.owner, input));
			expect([error.status, error.details.field]).toEqual([400, field]);
		}
		const stale = await refused(() =>
			updateLocation(services, people.owner, harbor.id, { version: 9, hours: 'Mon 9–5' })
		);
		expect(stale.status).toBe(409);
		const taken = await refused(() =>
			updateLocation(services, people.owner, harbor.id, { version: 1, name: 'WORKSHOP' })
		);
		expect([taken.status, taken.details.field]).toEqual([400, 'name']);
	});

	it('an edit bumps the version and records only what differs', async () => {
		harbor = await updateLocation(services, people.owner, harbor.id, {
			version: harbor.version,
			hours: 'Tue–Sat 10–6\nSun 12–4'
		});
		expect(harbor.version).toBe(2);
		const [latest] = await listSettingsChanges(services, people.owner);
		expect(latest).toMatchObject({
			before: { 'Harbor store': { hours: 'Tue–Sat 10–6' } },
			after: { 'Harbor store': { hours: 'Tue–Sat 10–6\nSun 12–4' } }
		});
	});

	it('the owner sets a person’s home location, on the trail; nobody else may', async () => {
		for (const role of ['manager', 'staff', 'bench'] as const)
			expect(
				(
					await refused(() =>
						setHomeLocation(services, people[role], people.staff.id, {
							homeLocationId: workshop.id
						})
					)
				).status
			).toBe(403);
		const unknown = await refused(() =>
			setHomeLocation(services, people.owner, people.staff.id, { homeLocationId: 9999 })
		);
		expect([unknown.status, unknown.details.field]).toEqual([400, 'homeLocationId']);
		expect(
			await setHomeLocation(services, people.owner, people.staff.id, {
				homeLocationId: workshop.id
			})
		).toEqual({ homeLocationId: workshop.id });
		const [latest] = await listSettingsChanges(services, people.owner);
		expect(changeLines(latest)).toEqual([
			{ label: 'staff person', before: 'home location: (none)', after: 'home location: Workshop' }
		]);
	});

	it('a new order is taken in at the person’s home location and picked up at a store', async () => {
		const fromWorkshop = await createOrder(services, people.staff, order());
		// A workshop hands nothing over: the first open store does.
		expect(fromWorkshop.card).toMatchObject({
			intakeLocationId: workshop.id,
			pickupLocationId: main.id,
			locationId: workshop.id
		});
		const chosen = await createOrder(
			services,
			people.staff,
			order({ intakeLocationId: main.id, pickupLocationId: harbor.id })
		);
		expect(chosen.card).toMatchObject({
			intakeLocationId: main.id,
			pickupLocationId: harbor.id,
			locationId: main.id
		});
		await services.db
			.sql`update users set home_location_id = ${harbor.id} where id = ${people.staff.id}`;
		const fromHarbor = await createOrder(services, people.staff, order());
		expect(fromHarbor.card).toMatchObject({
			intakeLocationId: harbor.id,
			pickupLocationId: harbor.id
		});
	});

	it('refuses a pickup at a workshop, or at a location that does not exist', async () => {
		const countOrders = async () =>
			(await services.db.sql`select count(*)::int as n from orders`)[0].n;
		const before = await countOrders();
		for (const [input, field] of [
			[{ pickupLocationId: workshop.id }, 'pickupLocationId'],
			[{ intakeLocationId: 9999 }, 'intakeLocationId'],
			[{ pickupLocationId: 'Harbor' }, 'pickupLocationId']
		] as const) {
			const error = await createOrder(services, people.staff, order(input)).catch((e) => e);
			expect([error.status, error.details.field]).toEqual([400, field]);
			expect(error.message).toMatch(field === 'pickupLocationId' ? /store|number/ : /location/);
		}
		expect(await countOrders()).toBe(before);
	});

	it('changing the pickup store is one order.updated event whose before names the old store', async () => {
		const { card } = await createOrder(
			services,
			people.staff,
			order({ pickupLocationId: main.id })
		);
		const refusal = await updateOrder(services, people.staff, card.id, {
			version: card.version,
			pickupLocationId: workshop.id
		}).catch((e) => e);
		expect([refusal.status, refusal.details.field]).toEqual([400, 'pickupLocationId']);
		const from = published.length;
		const changed = await updateOrder(services, people.staff, card.id, {
			version: card.version,
			pickupLocationId: harbor.id
		});
		expect(changed.card.pickupLocationId).toBe(harbor.id);
		expect(published.length).toBe(from + 1);
		const event = published.at(-1)!;
		expect(event.type).toBe('order.updated');
		expect(event.payload.before).toMatchObject({ pickupLocationId: main.id });
		expect(event.payload.after).toMatchObject({ pickupLocationId: harbor.id });
		const [{ locationIds }] = await services.db.sql<{ locationIds: number[] }[]>`
			select location_ids from order_events where seq = ${event.seq}`;
		expect([...locationIds].sort()).toEqual([main.id, harbor.id].sort());
	});

	it('refuses archiving a store where open orders are or will be picked up, and the last open store', async () => {
		const [{ n }] = await services.db.sql<{ n: number }[]>`
			select count(*)::int as n from orders
			where order_key is not null and (location_id = ${harbor.id} or pickup_location_id = ${harbor.id})`;
		const busy = await refused(() =>
			updateLocation(services, people.owner, harbor.id, { version: harbor.version, archived: true })
		);
		expect([busy.status, busy.details.field]).toEqual([400, 'archived']);
		expect(busy.message).toContain(
			`${n} open orders are at Harbor store or will be picked up there`
		);
		const toWorkshop = await refused(() =>
			updateLocation(services, people.owner, harbor.id, {
				version: harbor.version,
				kind: 'workshop'
			})
		);
		expect(toWorkshop.details.field).toBe('kind');

		// Once nothing is there, it may go; then the main store is the last, and stays.
		await services.db.sql`
			update orders set order_key = null, stage = 'cancelled' where pickup_location_id = ${harbor.id} or location_id = ${harbor.id}`;
		harbor = await updateLocation(services, people.owner, harbor.id, {
			version: harbor.version,
			archived: true
		});
		expect(harbor.archived).toBe(true);
		await services.db.sql`update orders set order_key = null, stage = 'cancelled'`;
		const last = await refused(() =>
			updateLocation(services, people.owner, main.id, { version: main.version, archived: true })
		);
		expect([last.status, last.details.field]).toEqual([400, 'archived']);
		expect(last.message).toContain('last open store');

		// An archived location cannot be chosen; brought back, it can.
		const error = await createOrder(
			services,
			people.staff,
			order({ pickupLocationId: harbor.id })
		).catch((e) => e);
		expect([error.status, error.details.field]).toEqual([400, 'pickupLocationId']);
		// The person's home is archived: their orders go to the first open store.
		expect((await createOrder(services, people.staff, order())).card.intakeLocationId).toBe(
			main.id
		);
		harbor = await updateLocation(services, people.owner, harbor.id, {
			version: harbor.version,
			archived: false
		});
		expect(harbor.archived).toBe(false);
	});

	it('an undo does not send the customer back to a store archived since', async () => {
		const { card } = await createOrder(
			services,
			people.staff,
			order({ intakeLocationId: main.id, pickupLocationId: harbor.id })
		);
		const moved = await updateOrder(services, people.staff, card.id, {
			version: card.version,
			pickupLocationId: main.id
		});
		harbor = await updateLocation(services, people.owner, harbor.id, {
			version: harbor.version,
			archived: true
		});
		const refusal = await undoChange(services, people.staff, card.id, {
			seq: moved.seq
		}).catch((e) => e);
		expect(refusal.status).toBe(409);
		expect(refusal.message).toMatch(/Harbor store is archived/);
		const [now] = await services.db.sql<{ pickupLocationId: number; version: number }[]>`
			select pickup_location_id, version from orders where id = ${card.id}`;
		expect(now).toEqual({ pickupLocationId: main.id, version: moved.card.version });
		harbor = await updateLocation(services, people.owner, harbor.id, {
			version: harbor.version,
			archived: false
		});
	});

	it('the transfer alert hours: the owner sets 1 to 720, on the trail', async () => {
		expect(await updateTransferAlertHours(services, people.owner, { transferAlertHours: 48 })).toBe(
			48
		);
		const [latest] = await listSettingsChanges(services, people.owner);
		expect(changeLines(latest)).toEqual([
			{ label: 'Transfer flagged after', before: '24 hours', after: '48 hours' }
		]);
		for (const hours of [0, 721, 2.5, '12'])
			expect(
				(
					await refused(() =>
						updateTransferAlertHours(services, people.owner, { transferAlertHours: hours })
					)
				).details.field
			).toBe('transferAlertHours');
		expect(
			(
				await refused(() =>
					updateTransferAlertHours(services, people.manager, { transferAlertHours: 12 })
				)
			).status
		).toBe(403);
	});
});
