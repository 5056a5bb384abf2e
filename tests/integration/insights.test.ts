import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/lib/server/errors';
import type { Actor } from '../../src/lib/server/events';
import { castFor } from '../../src/lib/server/history-generator';
import type { PlannedOrder } from '../../src/lib/server/history-generator/plan';
import { writeHistoryBatch } from '../../src/lib/server/history-generator/write';
import { openOrderForecasts } from '../../src/lib/server/forecast/open-orders';
import { readChart, readOrdersBehind } from '../../src/lib/server/insights';
import { percentile } from '../../src/lib/insights/percentile';
import type { ChartOf, ChartName } from '../../src/lib/insights/charts';
import type { StartedServices } from '../../src/lib/server/start';
import { backends } from '../helpers/services';

// March 2026 in the shop's time zone (UTC here, so the hours below are the shop's): the 2nd is a Monday.
const at = (day: number, hour: number) => new Date(Date.UTC(2026, 2, day, hour));
const NOW = at(19, 10);
const tenths = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

function order(
	pieceType: PlannedOrder['pieceType'],
	dueDate: string,
	moves: [PlannedOrder['moves'][number]['stage'], Date][],
	extra: Partial<PlannedOrder> = {}
): PlannedOrder {
	return {
		customer: {
			givenName: 'Ada',
			familyName: pieceType,
			phone: '555-0100',
			email: 'a@example.com'
		},
		title: `A ${pieceType}`,
		pieceType,
		metal: '14k yellow gold',
		rush: false,
		dueDate,
		assignee: 'Elena',
		quotedPriceCents: 100000,
		moves: moves.map(([stage, when]) => ({ stage, at: when, hand: 'bench' })),
		assignedAt: null,
		blockers: [],
		jobs: [],
		payments: [],
		...extra
	};
}

/** A: a ring with a move back from casting to design, on time. B: a band, late. C: a pendant still in design. */
const HISTORY: PlannedOrder[] = [
	order(
		'engagement_ring',
		'2026-03-20',
		[
			['intake', at(2, 10)],
			['design', at(3, 10)], // intake 1.0 business day
			['casting', at(5, 10)], // design 2.0
			['design', at(6, 10)], // casting 1.0, then back to design
			['casting', at(9, 10)], // design 2.0 more (Friday to Monday: Saturday counts, Sunday does not)
			['polishing', at(11, 10)], // casting 2.0 more
			['inspection', at(11, 16)], // polishing 0.25
			['ready', at(12, 10)], // inspection 0.75; end to end 9.0 (ten days less a Sunday)
			['picked_up', at(16, 10)] // ready 3.0
		],
		{
			blockers: [
				{ description: 'CAD approval from the customer', since: at(3, 12), resolvedAt: at(4, 12) }
			]
		}
	),
	order(
		'wedding_band',
		'2026-03-09',
		[
			['intake', at(3, 9)],
			['casting', at(4, 9)], // intake 1.0
			['polishing', at(5, 9)], // casting 1.0
			['inspection', at(6, 9)], // polishing 1.0
			['ready', at(10, 9)], // inspection 3.0; end to end 6.0; a day after its due date
			['picked_up', at(10, 21)] // ready 0.5
		],
		{
			jobs: [
				{
					vendor: 'casting',
					description: 'Cast in 14k',
					sentAt: at(4, 9),
					expectedOn: '2026-03-06',
					receivedAt: at(6, 9),
					costCents: 9000
				}
			]
		}
	),
	order(
		'pendant',
		'2026-04-10',
		[
			['intake', at(16, 10)],
			['design', at(17, 10)] // intake 1.0; in design since: 2.0 at NOW
		],
		{
			blockers: [
				{ description: 'cad approval from the customer ', since: at(17, 12), resolvedAt: null }
			]
		}
	)
];

describe.each(backends)('the Insights charts on $name', (backend) => {
	let services: StartedServices;
	let avery: Actor;
	let sam: Actor;
	const period = { from: '2026-03-01', to: '2026-03-31' };
	const chart = async <N extends ChartName>(name: N, input: Record<string, string> = period) =>
		(await readChart(services.db.sql, avery, name, input, NOW)).chart as ChartOf<N>;

	beforeAll(async () => {
		services = await backend.start();
		const sql = services.db.sql;
		await sql`update settings set time_zone = 'UTC'`;
		const [owner] = await sql<{ id: number }[]>`
			insert into users (username, display_name, role) values ('avery', 'Avery Stone', 'owner') returning id`;
		const [staff] = await sql<{ id: number }[]>`
			insert into users (username, display_name, role) values ('sam', 'Sam Ortiz', 'staff') returning id`;
		avery = { id: owner.id, name: 'Avery Stone', role: 'owner' };
		sam = { id: staff.id, name: 'Sam Ortiz', role: 'staff' };
		const cast = await castFor(sql, services.shopActor);
		await writeHistoryBatch(sql, HISTORY, 0, cast, new Map());
	});
	afterAll(() => services?.stop());

	it('cycle time per stage adds up every visit (a move back too), in business days', async () => {
		const cycle = await chart('cycle-time');
		const byStage = Object.fromEntries(cycle.stages.map((row) => [row.stage, row]));
		expect(byStage.intake).toEqual({ stage: 'intake', count: 3, median: 1, p85: 1 });
		expect(byStage.design).toEqual({ stage: 'design', count: 1, median: 4, p85: 4 });
		expect(byStage.casting).toEqual({ stage: 'casting', count: 2, median: 2, p85: 2.7 });
		expect(byStage.polishing).toEqual({ stage: 'polishing', count: 2, median: 0.6, p85: 0.9 });
		expect(byStage.inspection).toEqual({ stage: 'inspection', count: 2, median: 1.9, p85: 2.7 });
		expect(byStage.ready).toEqual({ stage: 'ready', count: 2, median: 1.8, p85: 2.6 });
		expect(byStage.setting).toEqual({ stage: 'setting', count: 0, median: null, p85: null });
		expect(cycle.endToEnd[0]).toEqual({
			pieceType: null,
			count: 2,
			median: 7.5,
			p85: tenths(percentile([6, 9], 0.85))
		});
		expect(cycle.endToEnd.slice(1)).toEqual([
			{ pieceType: 'engagement_ring', count: 1, median: 9, p85: 9 },
			{ pieceType: 'wedding_band', count: 1, median: 6, p85: 6 }
		]);
		// One piece type only.
		const bands = await chart('cycle-time', { ...period, pieceType: 'wedding_band' });
		expect(bands.endToEnd).toEqual([
			{ pieceType: null, count: 1, median: 6, p85: 6 },
			{ pieceType: 'wedding_band', count: 1, median: 6, p85: 6 }
		]);
		// A period before any of it: nothing measured.
		const empty = await chart('cycle-time', { from: '2025-01-01', to: '2025-12-31' });
		expect(empty.stages.every((row) => row.count === 0)).toBe(true);
		expect(empty.endToEnd).toEqual([{ pieceType: null, count: 0, median: null, p85: null }]);
	});

	it('throughput counts pieces by the week they first reached Ready', async () => {
		const { weeks } = await chart('throughput');
		expect(weeks).toEqual([
			{ week: '2026-02-23', finished: 0 },
			{ week: '2026-03-02', finished: 0 },
			{ week: '2026-03-09', finished: 2 },
			{ week: '2026-03-16', finished: 0 },
			{ week: '2026-03-23', finished: 0 },
			{ week: '2026-03-30', finished: 0 }
		]);
		const behind = await readOrdersBehind(
			services.db.sql,
			avery,
			'throughput',
			{ ...period, bucket: '2026-03-09' },
			NOW
		);
		expect(behind.orders.map((o) => [o.pieceType, o.days])).toEqual([
			['wedding_band', 6],
			['engagement_ring', 9]
		]);
	});

	it('the on-time rate reads each finish against its due date, by month', async () => {
		const { months } = await chart('on-time');
		expect(months).toEqual([{ month: '2026-03', finished: 2, onTime: 1, rate: 0.5 }]);
		const behind = await readOrdersBehind(
			services.db.sql,
			avery,
			'on-time',
			{ ...period, bucket: '2026-03' },
			NOW
		);
		// Late first: a day late, then eight days early.
		expect(behind.orders.map((o) => [o.pieceType, o.days])).toEqual([
			['wedding_band', 1],
			['engagement_ring', -8]
		]);
	});

	it('cumulative flow counts each stage at the end of each day', async () => {
		const { days } = await chart('flow');
		expect(days).toHaveLength(31);
		const day = (d: string) => days.find((row) => row.day === d)!.counts;
		expect(day('2026-03-01')).toEqual({
			intake: 0,
			design: 0,
			casting: 0,
			setting: 0,
			polishing: 0,
			inspection: 0,
			ready: 0
		});
		expect(day('2026-03-05')).toMatchObject({ intake: 0, design: 0, casting: 1, polishing: 1 });
		expect(day('2026-03-11')).toMatchObject({ inspection: 1, ready: 0, polishing: 0 });
		expect(day('2026-03-17')).toMatchObject({ intake: 0, design: 1, ready: 0 });
		const behind = await readOrdersBehind(
			services.db.sql,
			avery,
			'flow',
			{ ...period, bucket: '2026-03-05:casting' },
			NOW
		);
		expect(behind.orders.map((o) => o.pieceType)).toEqual(['engagement_ring']);
	});

	it('aging shows each open order against its stage’s usual time', async () => {
		const aging = await chart('aging');
		expect(aging.orders.map((o) => [o.pieceType, o.stage, o.days])).toEqual([
			['pendant', 'design', 2]
		]);
		expect(aging.usual.design).toBe(4);
	});

	it('where orders waited: blockers of the same words are one kind, and vendors', async () => {
		const { blockers, vendors } = await chart('waits');
		// 1.0 resolved, and one open since Tuesday 12:00 (1 day 22 hours to Thursday 10:00).
		expect(blockers).toEqual([
			{
				kind: 'CAD approval from the customer',
				count: 2,
				open: 1,
				totalDays: tenths(1 + 46 / 24),
				median: tenths((1 + 46 / 24) / 2)
			}
		]);
		expect(vendors).toMatchObject([
			{ vendor: 'Pacific Casting House', count: 1, open: 0, totalDays: 2, median: 2 }
		]);
		const behind = await readOrdersBehind(
			services.db.sql,
			avery,
			'waits',
			{ ...period, bucket: `vendor:${vendors[0].vendorId}` },
			NOW
		);
		expect(behind.orders.map((o) => o.pieceType)).toEqual(['wedding_band']);
	});

	it("a location's charts count its orders: taken in, picked up or now there", async () => {
		const sql = services.db.sql;
		const [{ id: main }] = await sql<{ id: number }[]>`select min(id) as id from locations`;
		const [{ id: harbor }] = await sql<{ id: number }[]>`
			insert into locations (name, kind) values ('Harbor store', 'store') returning id`;
		const idOf = async (pieceType: string) =>
			(await sql<{ id: number }[]>`select id from orders where piece_type = ${pieceType}`)[0].id;
		// The ring is picked up at the harbor; the band is the harbor's from start to end.
		await sql`update orders set pickup_location_id = ${harbor} where id = ${await idOf('engagement_ring')}`;
		await sql`
			update orders set intake_location_id = ${harbor}, pickup_location_id = ${harbor},
				location_id = ${harbor}
			where id = ${await idOf('wedding_band')}`;
		const at = (location: number) => ({ ...period, location: String(location) });
		const finished = async (location?: number) =>
			(await chart('throughput', location ? at(location) : period)).weeks.find(
				(week) => week.week === '2026-03-09'
			)!.finished;
		expect([await finished(), await finished(main), await finished(harbor)]).toEqual([2, 1, 2]);
		expect((await chart('on-time', at(main))).months).toEqual([
			{ month: '2026-03', finished: 1, onTime: 1, rate: 1 }
		]);
		expect((await chart('cycle-time', at(harbor))).endToEnd[0]).toMatchObject({ count: 2 });
		expect((await chart('aging', at(harbor))).orders).toEqual([]);
		// The ring's approval waited at the harbor's too; the pendant's open one is only the main store's.
		const blocked = async (location: number) =>
			(await chart('waits', at(location))).blockers.map((b) => [b.count, b.open]);
		expect([await blocked(harbor), await blocked(main)]).toEqual([[[1, 0]], [[2, 1]]]);
		const behind = await readOrdersBehind(
			sql,
			avery,
			'throughput',
			{ ...at(main), bucket: '2026-03-09' },
			NOW
		);
		expect(behind.orders.map((o) => o.pieceType)).toEqual(['engagement_ring']);
		const forecasts = async (input: object) =>
			(await openOrderForecasts(sql, avery, NOW, input)).forecasts.length;
		expect([await forecasts({}), await forecasts({ location: String(harbor) })]).toEqual([1, 0]);
		// The pendant, taken in at the main store, is at the harbor now: the harbor's too.
		await sql`update orders set location_id = ${harbor} where id = ${await idOf('pendant')}`;
		expect((await chart('aging', at(harbor))).orders.map((o) => o.pieceType)).toEqual(['pendant']);
		expect((await chart('aging', at(main))).orders.map((o) => o.pieceType)).toEqual(['pendant']);
		expect(await forecasts({ location: String(harbor) })).toBe(1);
		await expect(openOrderForecasts(sql, avery, NOW, { location: 'x' })).rejects.toMatchObject({
			status: 400,
			message: expect.stringMatching(/^location /)
		});
	});

	it('only the owner and managers read Insights, and bad input names its field', async () => {
		const refusal = (work: Promise<unknown>) =>
			work.then(
				() => null,
				(error: DomainError) => [error.status, error.message]
			);
		expect(await refusal(readChart(services.db.sql, sam, 'throughput', period, NOW))).toEqual([
			403,
			'Only the owner and managers see Insights'
		]);
		expect(await refusal(readChart(services.db.sql, avery, 'pie', period, NOW))).toMatchObject([
			400,
			expect.stringMatching(/^chart /)
		]);
		expect(
			await refusal(readChart(services.db.sql, avery, 'flow', { from: '2026-13-01' }, NOW))
		).toMatchObject([400, expect.stringMatching(/^from /)]);
		expect(
			await refusal(
				readChart(services.db.sql, avery, 'flow', { from: '2026-03-10', to: '2026-03-01' }, NOW)
			)
		).toMatchObject([400, expect.stringMatching(/^from /)]);
		expect(
			await refusal(readChart(services.db.sql, avery, 'flow', { pieceType: 'tiara' }, NOW))
		).toMatchObject([400, expect.stringMatching(/^pieceType /)]);
		for (const location of ['harbor', '0', '-1', '99999'])
			expect(
				await refusal(readChart(services.db.sql, avery, 'aging', { ...period, location }, NOW))
			).toMatchObject([400, expect.stringMatching(/^location /)]);
		expect(
			await refusal(readOrdersBehind(services.db.sql, avery, 'throughput', { bucket: 'soon' }, NOW))
		).toMatchObject([400, expect.stringMatching(/^bucket /)]);
		// A format other than json or csv is refused, not answered as JSON.
		for (const format of ['xyz', 'CSV', '']) {
			expect(
				await refusal(readChart(services.db.sql, avery, 'aging', { ...period, format }, NOW))
			).toEqual([400, 'format must be json or csv']);
			expect(
				await refusal(
					readOrdersBehind(
						services.db.sql,
						avery,
						'throughput',
						{ ...period, bucket: '2026-03-09', format },
						NOW
					)
				)
			).toEqual([400, 'format must be json or csv']);
		}
	});
});
