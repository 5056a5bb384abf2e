import type { Location, LocationSummary } from '../locations';
import type { Sql, Tx } from './db';

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

/** One location, or null. */
export async function readLocation(q: Sql | Tx, id: number): Promise<Location | null> {
	const [location] = await q<Location[]>`
		select id, name, kind, archived_at is not null as archived, address, phone, hours, time_zone,
			version
		from locations where id = ${id}`;
	return location ?? null;
}
