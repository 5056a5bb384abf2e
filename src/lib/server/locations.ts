import type { Location, LocationSummary } from '../locations';
import { newLocationSchema, transferAlertHoursSchema, updateLocationSchema } from '../validation';
import { requirePermission } from './auth/roles';
import type { Sql, Tx } from './db';
import { conflict, invalid, notFound, parseInput } from './errors';
import type { Actor } from './events';
import type { Services } from './services';
import { recordSettingsChange } from './settings-trail';
import { transaction } from './transaction';

/** Every location, open ones first, each as every screen may know it (names are not secret). */
export async function readLocationSummaries(q: Sql | Tx): Promise<LocationSummary[]> {
	return q<LocationSummary[]>`
		select id, name, kind, archived_at is not null as archived
		from locations order by archived_at is not null, kind, name, id`;
}

/** Every location with what customers are told of it. */
export async function readLocations(q: Sql | Tx): Promise<Location[]> {
	return q<Location[]>`
		select id, name, kind, archived_at is not null as archived, address, phone, hours, time_zone,
			version
		from locations order by archived_at is not null, kind, name, id`;
}

/**
 * One location, or null. `lock`, in a transaction: 'share' keeps it from being archived until the
 * transaction ends (an order or a transfer that names it), 'update' waits for those first (the
 * archive itself, which then counts what they wrote).
 */
export async function readLocation(
	q: Sql | Tx,
	id: number,
	lock?: 'share' | 'update'
): Promise<Location | null> {
	const [location] = await q<Location[]>`
		select id, name, kind, archived_at is not null as archived, address, phone, hours, time_zone,
			version
		from locations where id = ${id}${lock === 'share' ? q` for share` : lock === 'update' ? q` for update` : q``}`;
	return location ?? null;
}

/**
 * The shop's locations for whoever may read the board: a wall display gets the summaries (what a
 * card names), a person the full rows (what customers are told of each store).
 */
export async function listLocations(
	sql: Sql,
	actor: Actor
): Promise<Location[] | LocationSummary[]> {
	requirePermission(actor, 'board.read');
	return actor.role === 'display' ? readLocationSummaries(sql) : readLocations(sql);
}

/** The owner adds a store or a workshop. */
export async function createLocation(
	services: Services,
	actor: Actor,
	input: unknown
): Promise<Location> {
	requirePermission(actor, 'shop.manage');
	const data = parseInput(newLocationSchema, input);
	return transaction(services.db.sql, async (tx) => {
		// One writer at a time, so two locations never take one name between the check and the insert.
		await tx`lock table locations in share row exclusive mode`;
		await requireFreeName(tx, data.name, null);
		const [{ id }] = await tx<{ id: number }[]>`
			insert into locations ${tx(data as Record<string, unknown>)} returning id`;
		const location = (await readLocation(tx, id))!;
		await record(tx, actor, null, location);
		return location;
	});
}

/**
 * The owner changes a location, archives it (no new order may choose it) or takes it back into
 * use. A store that open orders are, or will be picked up, at stays in use until they are moved.
 */
export async function updateLocation(
	services: Services,
	actor: Actor,
	id: number,
	input: unknown
): Promise<Location> {
	requirePermission(actor, 'shop.manage');
	const { version, archived, ...fields } = parseInput(updateLocationSchema, input);
	return transaction(services.db.sql, async (tx) => {
		await tx`lock table locations in share row exclusive mode`;
		const before = await readLocation(tx, id, 'update');
		if (!before) throw notFound(`Location ${id}`);
		if (before.version !== version)
			throw conflict(
				`${before.name} was changed by someone else since you opened it; here is how it is now`,
				before
			);
		if (fields.name !== undefined) await requireFreeName(tx, fields.name, id);
		const archiving = archived === true && !before.archived;
		const stopsBeingStore = fields.kind === 'workshop' && before.kind === 'store';
		if ((archiving || stopsBeingStore) && !before.archived)
			await requireNotNeeded(tx, before, archiving ? 'archived' : 'kind');
		const changes: Record<string, unknown> = { ...fields };
		if (archived !== undefined && archived !== before.archived)
			changes.archivedAt = archived ? new Date() : null;
		if (Object.keys(changes).length === 0) return before;
		await tx`
			update locations set ${tx(changes)}, version = version + 1 where id = ${id}`;
		const after = (await readLocation(tx, id))!;
		await record(tx, actor, before, after);
		return after;
	});
}

/** Throws a 400 on `name` if another location (archived ones too) is called so, in any case. */
async function requireFreeName(tx: Tx, name: string, id: number | null): Promise<void> {
	const [taken] = await tx<{ name: string }[]>`
		select name from locations where lower(name) = lower(${name})
			${id === null ? tx`` : tx`and id <> ${id}`}`;
	if (taken) throw invalid('name', `is already a location's name (${taken.name})`);
}

/**
 * A store stops taking pieces (archived, or made a workshop) only when another store is open and
 * no open order is there, on its way there or will be picked up there.
 */
async function requireNotNeeded(tx: Tx, location: Location, field: string): Promise<void> {
	const [{ stores }] = await tx<{ stores: number }[]>`
		select count(*)::int as stores from locations
		where kind = 'store' and archived_at is null and id <> ${location.id}`;
	if (location.kind === 'store' && stores === 0)
		throw invalid(
			field,
			`cannot change: ${location.name} is the last open store, and every order needs a store to be picked up at. Add another store first.`
		);
	const [{ orders }] = await tx<{ orders: number }[]>`
		select count(*)::int as orders from orders o
		where o.order_key is not null and (
			o.location_id = ${location.id} or o.pickup_location_id = ${location.id}
			or exists (
				select from transfers t
				where t.order_id = o.id and t.received_at is null and t.to_location_id = ${location.id}))`;
	if (field === 'kind' && orders > 0) {
		const [{ pickups }] = await tx<{ pickups: number }[]>`
			select count(*)::int as pickups from orders
			where order_key is not null and pickup_location_id = ${location.id}`;
		if (pickups === 0) return;
		throw invalid(
			field,
			`cannot change: ${countOrders(pickups)} will be picked up at ${location.name}, and only a store hands pieces over. Change their pickup store first.`
		);
	}
	if (orders > 0)
		throw invalid(
			field,
			`cannot change: ${countOrders(orders)} ${orders === 1 ? 'is' : 'are'} at ${location.name} or will be picked up there. Move ${orders === 1 ? 'it' : 'them'} first.`
		);
}

const countOrders = (count: number) => (count === 1 ? '1 open order' : `${count} open orders`);

/** How a location reads in the settings trail: by its name, with the fields that differ. */
function record(tx: Tx, actor: Actor, before: Location | null, after: Location) {
	const fields = ['name', 'kind', 'address', 'phone', 'hours', 'timeZone', 'archived'] as const;
	const differs = fields.filter((field) => !before || before[field] !== after[field]);
	const pick = (location: Location) =>
		Object.fromEntries(differs.map((field) => [field, location[field]]));
	return recordSettingsChange(
		tx,
		actor,
		'locations',
		{ [after.name]: before ? pick(before) : null },
		{ [after.name]: pick(after) }
	);
}

/** Hours a piece may be on its way between locations before it is flagged. */
export async function readTransferAlertHours(q: Sql | Tx): Promise<number> {
	const [{ transferAlertHours }] = await q<{ transferAlertHours: number }[]>`
		select transfer_alert_hours from settings`;
	return transferAlertHours;
}

export async function updateTransferAlertHours(
	services: Services,
	actor: Actor,
	input: unknown
): Promise<number> {
	requirePermission(actor, 'shop.manage');
	const { transferAlertHours } = parseInput(transferAlertHoursSchema, input);
	return transaction(services.db.sql, async (tx) => {
		await tx`select from settings for update`;
		const before = await readTransferAlertHours(tx);
		await tx`update settings set transfer_alert_hours = ${transferAlertHours}`;
		await recordSettingsChange(
			tx,
			actor,
			'locations',
			{ transferAlertHours: before },
			{ transferAlertHours }
		);
		return transferAlertHours;
	});
}

/** Throws a 400 on `field` unless the location exists and is in use (and is a store, if asked). */
export async function requireOpenLocation(
	tx: Tx,
	id: number,
	field: string,
	kind?: 'store'
): Promise<Location> {
	const location = await readLocation(tx, id, 'share');
	if (!location) throw invalid(field, `must be one of the shop's locations (${id} is not)`);
	if (location.archived)
		throw invalid(field, `must be a location in use (${location.name} is archived)`);
	if (kind && location.kind !== kind)
		throw invalid(
			field,
			`must be a store: customers pick their pieces up at a store, and ${location.name} is a workshop`
		);
	return location;
}

/**
 * Where a new order is taken in and picked up. Unsaid, it is taken in at the person's home location
 * (else the first open store) and picked up there if that is a store, else at the first open store.
 */
export async function orderPlaces(
	tx: Tx,
	actor: Actor,
	asked: { intakeLocationId?: number; pickupLocationId?: number }
): Promise<{ intakeLocationId: number; pickupLocationId: number }> {
	const intake =
		asked.intakeLocationId !== undefined
			? await requireOpenLocation(tx, asked.intakeLocationId, 'intakeLocationId')
			: await defaultIntake(tx, actor);
	const pickup =
		asked.pickupLocationId !== undefined
			? await requireOpenLocation(tx, asked.pickupLocationId, 'pickupLocationId', 'store')
			: intake.kind === 'store'
				? intake
				: await firstOpenStore(tx);
	return { intakeLocationId: intake.id, pickupLocationId: pickup.id };
}

/** A person's home location, or null (none, or a display or token without one). */
export async function readHomeLocationId(q: Sql | Tx, actor: Actor): Promise<number | null> {
	const [row] = await q<{ homeLocationId: number | null }[]>`
		select home_location_id from users where id = ${actor.id}`;
	return row?.homeLocationId ?? null;
}

async function defaultIntake(tx: Tx, actor: Actor): Promise<Location> {
	const [home] = await tx<{ id: number }[]>`
		select l.id from users u join locations l on l.id = u.home_location_id
		where u.id = ${actor.id} and l.archived_at is null`;
	const kept = home ? await readLocation(tx, home.id, 'share') : null;
	return kept && !kept.archived ? kept : firstOpenStore(tx);
}

async function firstOpenStore(tx: Tx): Promise<Location> {
	const [{ id }] = await tx<{ id: number | null }[]>`select default_location() as id`;
	// Archiving refuses the last open store, so a shop always has one; held until this commits.
	return (await readLocation(tx, id!, 'share'))!;
}
