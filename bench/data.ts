import { generateNKeysBetween } from 'fractional-indexing';
import { BOARD_STAGES } from '../src/lib/stages';
import type { Sql } from '../src/lib/server/db';
import { newStatusToken } from '../src/lib/server/updates/status-link';

const PIECES = [
	'Oval solitaire, 14k yellow gold',
	'Emerald-cut sapphire ring, platinum',
	'Wedding band, 18k white gold',
	'Pendant from heirloom diamond',
	'Diamond studs, 1 ct total',
	'Signet ring with crest'
];
const NAMES = [
	'Olivia Bennett',
	'Marcus Delgado',
	'Hannah Okafor',
	'Ethan Cho',
	'Grace Whitfield',
	'Daniel Ruiz',
	'Sofia Lindqvist',
	'Amara Nwosu'
];

/**
 * Adds `count` open orders spread over the stages, straight into the tables (a bench needs volume,
 * not history: these orders have no events). Keys continue after each stage's last card.
 */
export async function addOrders(sql: Sql, count: number): Promise<void> {
	const customers = await sql<{ id: number }[]>`
		insert into customers ${sql(
			NAMES.map((name) => ({
				givenName: name.split(' ')[0],
				familyName: name.split(' ')[1],
				phone: '555-0100',
				email: null
			}))
		)}
		returning id`;
	for (const [s, stage] of BOARD_STAGES.entries()) {
		const n = Math.floor(count / BOARD_STAGES.length) + (s < count % BOARD_STAGES.length ? 1 : 0);
		const [last] = await sql<{ orderKey: string }[]>`
			select order_key from orders where stage = ${stage} order by order_key desc limit 1`;
		const keys = generateNKeysBetween(last?.orderKey ?? null, null, n);
		for (let start = 0; start < n; start += 1000) {
			const rows = keys.slice(start, start + 1000).map((orderKey, i) => ({
				customerId: customers[(start + i) % customers.length].id,
				title: PIECES[(start + i) % PIECES.length],
				stage,
				orderKey,
				dueDate: new Date(Date.now() + (((start + i) % 60) - 10) * 86_400_000)
					.toISOString()
					.slice(0, 10),
				rush: (start + i) % 17 === 0,
				assignee: (start + i) % 3 === 0 ? 'Elena' : null,
				...newStatusToken()
			}));
			await sql`insert into orders ${sql(rows)}`;
		}
	}
}
