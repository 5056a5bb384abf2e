import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyEventLog } from '../../src/lib/server/audit-chain';
import { generateHistory } from '../../src/lib/server/history-generator';
import { planHistory } from '../../src/lib/server/history-generator/plan';
import type { StartedServices } from '../../src/lib/server/start';
import { backends } from '../helpers/services';

const NOW = new Date('2026-11-20T15:00:00Z');

describe('the demo history generator', () => {
	it('plans the same history for the same seed, and another for another seed', () => {
		const options = { orders: 60, now: NOW, timeZone: 'America/New_York', keepOpen: true };
		const first = planHistory({ ...options, seed: 7 });
		expect(planHistory({ ...options, seed: 7 })).toEqual(first);
		expect(planHistory({ ...options, seed: 8 })).not.toEqual(first);
		// Every order's moves are in time order and nothing happens after now.
		for (const order of first) {
			const times = order.moves.map((move) => move.at.getTime());
			expect([...times].sort((a, b) => a - b)).toEqual(times);
			expect(Math.max(...times)).toBeLessThanOrEqual(NOW.getTime());
		}
	});
});

describe.each(backends)('a generated history on $name', (backend) => {
	let services: StartedServices;

	beforeAll(async () => {
		services = await backend.start();
		await services.db.sql`update settings set time_zone = 'America/New_York'`;
	});
	afterAll(() => services?.stop());

	it('writes orders, visits and a log whose every chain verifies', async () => {
		const written = await generateHistory(services.db.sql, services.shopActor, {
			orders: 400,
			seed: 3,
			now: NOW,
			keepOpen: true,
			batch: 150
		});
		const sql = services.db.sql;
		const [counts] = await sql<
			{ orders: number; open: number; events: number; lastSeq: number; visits: number }[]
		>`
			select (select count(*)::int from orders) as orders,
				(select count(*)::int from orders where order_key is not null) as open,
				(select count(*)::int from order_events) as events,
				(select last_seq::int from event_counter) as last_seq,
				(select count(*)::int from stage_visits) as visits`;
		expect(counts.orders).toBe(written.orders);
		expect(counts.orders).toBeGreaterThan(380);
		expect(counts.open).toBeGreaterThan(10);
		expect(counts.events).toBe(written.events);
		expect(counts.lastSeq).toBe(counts.events);
		expect(counts.visits).toBeGreaterThan(counts.orders * 5);
		// Each event is filed under its order's location, as appendEvent files one: a wall display
		// limited to another location is never sent it.
		const [unfiled] = await sql<{ count: number }[]>`
			select count(*)::int as count from order_events e
			left join orders o on o.id = e.order_id
			where e.location_ids is distinct from array[coalesce(o.location_id, default_location())]`;
		expect(unfiled.count).toBe(0);
		const report = await verifyEventLog(sql, services.auditKey);
		expect(report.firstBroken).toBeNull();
		expect(report.ok).toBe(true);
		// The visits agree with the orders: one open visit each, in the order's stage, since it entered it.
		const [mismatch] = await sql<{ count: number }[]>`
			select count(*)::int as count from orders o
			left join stage_visits v on v.order_id = o.id and v.left_at is null
			where v.stage is distinct from o.stage or v.entered_at is distinct from o.stage_entered_at`;
		expect(mismatch.count).toBe(0);
		// What the bulk inserts stored beside the visits is what a move one at a time would store:
		// each closed visit's days and dates, its repeats, and each finished order's finish.
		const [drift] = await sql<{ visits: number; finishes: number; finished: number }[]>`
			select
				(select count(*)::int from stage_visits v, settings s
					where v.days is distinct from business_days(v.entered_at, v.left_at, s.time_zone)
						or v.entered_on <> (v.entered_at at time zone s.time_zone)::date
						or v.left_on is distinct from (v.left_at at time zone s.time_zone)::date
						or v.repeated <> exists (select 1 from stage_visits w
							where w.order_id = v.order_id and w.stage = v.stage and w.entered_seq <> v.entered_seq)
				) as visits,
				(select count(*)::int from order_finishes f
					join (select order_id, min(entered_at) as at from stage_visits
						where stage in ('ready', 'picked_up') group by order_id) v on v.order_id = f.order_id
					join orders o on o.id = f.order_id, settings s
					where f.finished_at = v.at and f.piece_type = o.piece_type
						and f.days = business_days(o.created_at, v.at, s.time_zone)) as finishes,
				(select count(distinct order_id)::int from stage_visits
					where stage in ('ready', 'picked_up')) as finished`;
		expect(drift.visits).toBe(0);
		expect(drift.finishes).toBe(drift.finished);
		expect(drift.finished).toBeGreaterThan(300);
		// Some pieces went back a stage for rework; some waited on blockers and at vendors.
		const [shape] = await sql<{ reworked: number; blockers: number; jobs: number; late: number }[]>`
			select
				(select count(*)::int from (
					select order_id from stage_visits group by order_id, stage having count(*) > 1) r) as reworked,
				(select count(*)::int from blockers) as blockers,
				(select count(*)::int from vendor_jobs where received_on is not null) as jobs,
				(select count(*)::int from orders o join (
					select order_id, min(entered_at) as at from stage_visits where stage = 'ready' group by order_id
				) f on f.order_id = o.id where (f.at at time zone 'America/New_York')::date > o.due_date) as late`;
		expect(shape.reworked).toBeGreaterThan(5);
		expect(shape.blockers).toBeGreaterThan(100);
		expect(shape.jobs).toBeGreaterThan(100);
		expect(shape.late).toBeGreaterThan(5);
	});
});
