import type { Sql } from '../src/lib/server/db';
import { newStatusToken } from '../src/lib/server/updates/status-link';
import { businessDays, localWallClock } from '../src/lib/business-time';
import { seededRandom } from '../src/lib/forecast/random';
import { readForecastHistory } from '../src/lib/server/forecast/history';
import { forecastOrder } from '../src/lib/forecast/model';
import type { OrderCard } from '../src/lib/types';

const PIECE_TYPES = ['engagement_ring', 'wedding_band', 'pendant', 'earrings', 'other'] as const;
const WORK_STAGES = ['intake', 'design', 'casting', 'setting', 'polishing', 'inspection'];
/** Median business days in each stage, skewed (log-normal) around it. */
const MEDIAN_DAYS = [1.5, 6, 4, 2.5, 1, 0.5];
const DAY_MS = 86_400_000;
export const FIRST = 500;

/**
 * Picked-up orders with a visit of every stage (a year and more of a busy shop), straight into
 * orders and stage_visits in batches: the history a forecast reads. Seeded, so runs compare.
 */
export async function addStageHistory(sql: Sql, count: number): Promise<void> {
	const random = seededRandom(21);
	const [{ timeZone }] = await sql<{ timeZone: string }[]>`select time_zone from settings`;
	const localDate = (at: number) =>
		new Date(localWallClock(at, timeZone)).toISOString().slice(0, 10);
	const [customer] = await sql<{ id: number }[]>`
		insert into customers (given_name, family_name, phone) values ('Bench', 'History', '555-0100')
		returning id`;
	const [{ seq }] = await sql<{ seq: number }[]>`select last_seq::int as seq from event_counter`;
	let nextSeq = seq + 1_000_000;
	const start = Date.now() - 400 * DAY_MS;
	for (let first = 0; first < count; first += 2000) {
		const size = Math.min(2000, count - first);
		const orders = await sql<{ id: number }[]>`
			insert into orders ${sql(
				Array.from({ length: size }, (_, i) => ({
					customerId: customer.id,
					title: `Past piece #${first + i}`,
					stage: 'picked_up',
					orderKey: null,
					pieceType: PIECE_TYPES[(first + i) % PIECE_TYPES.length],
					rush: (first + i) % 13 === 0,
					...newStatusToken()
				}))
			)}
			returning id`;
		const visits = [];
		for (const order of orders) {
			let at = start + random() * 360 * DAY_MS;
			for (const [s, stage] of [...WORK_STAGES, 'ready'].entries()) {
				const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
				const days = stage === 'ready' ? 3 : MEDIAN_DAYS[s] * Math.exp(0.6 * normal) * (7 / 6);
				const left = at + days * DAY_MS;
				visits.push({
					orderId: order.id,
					stage,
					enteredAt: new Date(at),
					leftAt: new Date(left),
					enteredSeq: nextSeq++,
					// What the log's trigger stores with each visit (migrations/0021_visit_days.sql).
					days: businessDays(new Date(at), new Date(left), timeZone),
					enteredOn: localDate(at),
					leftOn: localDate(left),
					leftSeq: nextSeq
				});
				at = left;
			}
		}
		for (let i = 0; i < visits.length; i += 5000) {
			await sql`insert into stage_visits ${sql(visits.slice(i, i + 5000))}`;
		}
	}
}

/**
 * Every open order's forecast with nothing cached (the history read from stage_visits, then each
 * order's runs), `rounds` times in this process: milliseconds of each part, per round, and of the
 * first FIRST orders' runs.
 */
export async function forecastRounds(sql: Sql, rounds: number) {
	const [{ timeZone }] = await sql<{ timeZone: string }[]>`select time_zone from settings`;
	const read: number[] = [];
	const simulated: number[] = [];
	// A busy shop's open orders: the first FIRST of them, timed on their own too.
	const first: number[] = [];
	let open = 0;
	let atRisk = 0;
	for (let round = 0; round < rounds; round++) {
		const started = performance.now();
		const history = await readForecastHistory(sql);
		const readDone = performance.now();
		const orders = await sql<OrderCard[]>`
			select id, stage, stage_entered_at, due_date, rush, piece_type
			from order_cards where order_key is not null`;
		const now = new Date();
		atRisk = 0;
		const simulating = performance.now();
		for (const [i, order] of orders.entries()) {
			const forecast = forecastOrder(order, history, { timeZone, now });
			if (forecast.kind === 'forecast' && forecast.atRisk) atRisk++;
			if (i === FIRST - 1) first.push(performance.now() - simulating);
		}
		read.push(readDone - started);
		simulated.push(performance.now() - simulating);
		open = orders.length;
	}
	return { open, atRisk, read, simulated, first };
}
