import type { Sql, Tx } from './db';

export interface Settings {
	shopName: string;
	timeZone: string;
	currency: string;
	/** Demo orders and demo staff with published passwords: keep it off the network. */
	demo: boolean;
}

export async function readSettings(q: Sql | Tx): Promise<Settings> {
	const [row] = await q<Settings[]>`select shop_name, time_zone, currency, demo from settings`;
	if (!row)
		throw new Error('The settings row is missing: was the database set up through startServices?');
	return row;
}

/** A new database takes the server's time zone; the shop can change it later. */
export async function ensureSettings(sql: Sql): Promise<void> {
	const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
	await sql`
		insert into settings (shop_name, time_zone, currency)
		values ('Benchboard Jewelers', ${timeZone}, 'USD')
		on conflict (id) do nothing`;
}
