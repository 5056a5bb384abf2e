import type { Sql } from '../src/lib/server/db';
import { newStatusToken } from '../src/lib/server/updates/status-link';

const GIVEN = [
	'Olivia',
	'Marcus',
	'Hannah',
	'Ethan',
	'Grace',
	'Daniel',
	'Sofia',
	'Amara',
	'Noah',
	'Ruth'
];
const FAMILY = ['Bennett', 'Delgado', 'Okafor', 'Cho', 'Whitfield', 'Ruiz', 'Lindqvist', 'Nwosu'];
const PIECES = [
	'Oval solitaire, 14k yellow gold',
	'Emerald-cut sapphire ring, platinum',
	'Wedding band, 18k white gold',
	'Pendant from heirloom diamond',
	'Diamond studs, 1 ct total',
	'Signet ring with crest',
	'Tennis bracelet repair',
	'Reset of an heirloom ruby'
];

/**
 * Picked-up orders, each with its own customer (distinct names and phones) and a certified center
 * stone: the years of history a shop's search runs over. Straight into the tables, in batches.
 */
export async function addArchivedOrders(sql: Sql, count: number): Promise<void> {
	for (let start = 0; start < count; start += 2000) {
		const size = Math.min(2000, count - start);
		const index = Array.from({ length: size }, (_, i) => start + i);
		const customers = await sql<{ id: number }[]>`
			insert into customers ${sql(
				index.map((n) => ({
					givenName: GIVEN[n % GIVEN.length],
					familyName: `${FAMILY[n % FAMILY.length]}${n}`,
					phone: `555-${String(1_000_000 + n).slice(1, 4)}-${String(10_000 + (n % 10_000)).slice(1)}`,
					email: `customer${n}@example.com`
				}))
			)}
			returning id`;
		const orders = await sql<{ id: number }[]>`
			insert into orders ${sql(
				index.map((n, i) => ({
					customerId: customers[i].id,
					title: `${PIECES[n % PIECES.length]} #${n}`,
					stage: 'picked_up',
					orderKey: null,
					pieceType: 'engagement_ring',
					...newStatusToken()
				}))
			)}
			returning id`;
		await sql`
			insert into stones ${sql(
				orders.map((order, i) => ({
					orderId: order.id,
					role: 'center',
					source: 'store',
					gem: 'Diamond',
					certLab: 'GIA',
					certNumber: String(2_100_000_000 + start + i),
					state: 'set'
				}))
			)}`;
	}
}

/** One query of each kind a counter uses, against what `addArchivedOrders` wrote. */
export function searchQueries(count: number): { kind: string; q: (i: number) => string }[] {
	const pick = (i: number) => (i * 7919) % count;
	return [
		{ kind: 'order_number', q: () => 'CO-1042' },
		{ kind: 'customer_name', q: (i) => `${FAMILY[pick(i) % FAMILY.length]}${pick(i)}` },
		{ kind: 'phone', q: (i) => `${String(10_000 + (pick(i) % 10_000)).slice(1)}` },
		{ kind: 'piece', q: (i) => `heirloom ruby #${pick(i)}` },
		{ kind: 'certificate', q: (i) => String(2_100_000_000 + pick(i)) }
	];
}
