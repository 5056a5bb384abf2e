import type { Sql, Tx } from '../db';

/** Where the customer picks the piece up, as they are told of it (the status page, messages, slips). */
export interface PickupPlace {
	name: string;
	/** As printed, one line per line. */
	address: string;
	phone: string;
	/** Opening hours as written for customers. */
	hours: string;
}

type PlaceRow = PickupPlace & { openLocations: number };

/** A location's (`l`) words for customers, each empty one the shop's (`s`, the settings row). */
const placeWords = (q: Sql | Tx) => q`
	l.name,
	coalesce(nullif(l.address, ''), s.address) as address,
	coalesce(nullif(l.phone, ''), s.phone) as phone,
	coalesce(nullif(l.hours, ''), s.opening_hours) as hours,
	(select count(*)::int from locations where archived_at is null) as open_locations`;

const placeOf = (row: PlaceRow | undefined): PickupPlace | null =>
	!row || row.openLocations < 2
		? null
		: { name: row.name, address: row.address, phone: row.phone, hours: row.hours };

/**
 * The order's pickup store in the customer's words: its own name, address, phone and hours, each
 * empty one the shop's. Null for a shop of one open location, whose customers read the shop's own
 * words exactly as before (its one store is the shop).
 */
export async function readPickupPlace(q: Sql | Tx, orderId: number): Promise<PickupPlace | null> {
	const [row] = await q<PlaceRow[]>`
		select ${placeWords(q)}
		from orders o
		join locations l on l.id = o.pickup_location_id
		cross join settings s
		where o.id = ${orderId}`;
	return placeOf(row);
}

/**
 * A store to preview the pickup placeholders with as the owner writes the words (the first open
 * store, as customers would read it), or null for a shop of one open location, where they are
 * the shop's own words and the editor does not offer them.
 */
export async function readSamplePickupPlace(q: Sql | Tx): Promise<PickupPlace | null> {
	const [row] = await q<PlaceRow[]>`
		select ${placeWords(q)}
		from locations l cross join settings s
		where l.archived_at is null
		order by l.kind = 'store' desc, l.id
		limit 1`;
	return placeOf(row);
}
