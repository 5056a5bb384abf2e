import { openDatabase } from '../../src/lib/server/db';

/**
 * Adds a location straight into a stopped server's embedded database (the API for locations is
 * another piece of #23): a test's own shop gets its second location before it starts again.
 */
export async function addLocation(
	dataDir: string,
	name: string,
	kind: 'store' | 'workshop'
): Promise<number> {
	const db = await openDatabase({ dataDir });
	try {
		const [{ id }] = await db.sql<{ id: number }[]>`
			insert into locations (name, kind) values (${name}, ${kind}) returning id`;
		return id;
	} finally {
		await db.close();
	}
}

/** Names the shop's first store, so the test reads as a shop of several would. */
export async function renameFirstStore(dataDir: string, name: string): Promise<void> {
	const db = await openDatabase({ dataDir });
	try {
		await db.sql`update locations set name = ${name} where id = default_location()`;
	} finally {
		await db.close();
	}
}

/** Dates an open transfer back, as if the piece had been on its way for `hours`. */
export async function ageTransfer(dataDir: string, orderId: number, hours: number): Promise<void> {
	const db = await openDatabase({ dataDir });
	try {
		await db.sql`update transfers set sent_at = now() - make_interval(hours => ${hours})
			where order_id = ${orderId} and received_at is null`;
	} finally {
		await db.close();
	}
}
