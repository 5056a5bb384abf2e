import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDays } from '../../src/lib/business-time';
import type { Actor } from '../../src/lib/server/events';
import { createOrder, getOrder, moveOrder } from '../../src/lib/server/orders';
import { undoChange } from '../../src/lib/server/undo';
import type { StartedServices } from '../../src/lib/server/start';
import type { BoardStage } from '../../src/lib/stages';
import { backends } from '../helpers/services';

interface StoredVisit {
	stage: string;
	enteredAt: Date;
	leftAt: Date | null;
	days: number | null;
	enteredOn: string;
	leftOn: string | null;
	repeated: boolean;
}

/** What migrations/0021_visit_days.sql stores beside the log must never drift from the log. */
describe.each(backends)('stored visit days and finishes on $name', (backend) => {
	let services: StartedServices;
	let morgan: Actor;

	beforeAll(async () => {
		services = await backend.start();
		await services.db.sql`update settings set time_zone = 'UTC'`;
		const [user] = await services.db.sql<{ id: number }[]>`
			insert into users (username, display_name, role) values ('morgan', 'Morgan Lee', 'manager')
			returning id`;
		morgan = { id: user.id, name: 'Morgan Lee', role: 'manager' };
	});
	afterAll(() => services?.stop());

	const stored = (orderId: number) => services.db.sql<StoredVisit[]>`
		select stage, entered_at, left_at, days, entered_on::text, left_on::text, repeated
		from stage_visits where order_id = ${orderId} order by entered_seq`;
	const finish = async (orderId: number) =>
		(
			await services.db.sql<{ finishedAt: Date; days: number; pieceType: string }[]>`
				select finished_at, days, piece_type from order_finishes where order_id = ${orderId}`
		)[0] ?? null;
	const lastSeq = async (orderId: number) =>
		(
			await services.db.sql<{ seq: number }[]>`
				select max(seq)::int as seq from order_events where order_id = ${orderId}`
		)[0].seq;

	it('agrees with the TypeScript clock: Monday to Saturday by the hour, Sunday not at all', async () => {
		const cases: [string, string, string, number][] = [
			// Friday 17:00 to Monday 09:00 in New York: 7 hours, Saturday, 9 hours.
			['2026-03-06T22:00:00Z', '2026-03-09T13:00:00Z', 'America/New_York', 1 + 16 / 24],
			// Saturday 10:00 to Sunday 16:00 (across the start of DST): 14 hours of Saturday.
			['2026-03-07T15:00:00Z', '2026-03-08T20:00:00Z', 'America/New_York', 14 / 24],
			// Two whole weeks: twelve days.
			['2026-02-02T15:00:00Z', '2026-02-16T15:00:00Z', 'America/New_York', 12],
			// Saturday 02:00 to Monday 04:00 in UTC: 22 hours of Saturday, 4 of Monday.
			['2026-03-14T02:00:00Z', '2026-03-16T04:00:00Z', 'UTC', 26 / 24]
		];
		for (const [from, to, zone, days] of cases) {
			const [row] = await services.db.sql<{ days: number }[]>`
				select business_days(${from}::timestamptz, ${to}::timestamptz, ${zone}) as days`;
			expect(row.days, `${from} to ${to}`).toBeCloseTo(days, 9);
			expect(businessDays(new Date(from), new Date(to), zone)).toBeCloseTo(days, 9);
		}
	});

	it('follows a move back, its undo, an undone finish and a new time zone', async () => {
		const created = await createOrder(services, morgan, {
			customer: { givenName: 'Ines', familyName: 'Moreau', phone: '555-0199' },
			title: 'Oval solitaire',
			pieceType: 'engagement_ring'
		});
		const id = created.card.id;
		const move = async (stage: BoardStage) =>
			moveOrder(services, morgan, id, {
				stage,
				afterId: null,
				version: (await getOrder(services.db.sql, morgan, id)).version
			});

		await move('design');
		await move('casting');
		await move('design'); // back to design: both design visits are repeats
		expect((await stored(id)).map((v) => [v.stage, v.repeated])).toEqual([
			['intake', false],
			['design', true],
			['casting', false],
			['design', true]
		]);
		await undoChange(services, morgan, id, { seq: await lastSeq(id) });
		// The move back never happened: one design visit again, and casting open again.
		let visits = await stored(id);
		expect(visits.map((v) => [v.stage, v.repeated, v.leftAt === null, v.days === null])).toEqual([
			['intake', false, false, false],
			['design', false, false, false],
			['casting', false, true, true]
		]);
		expect(visits[2].leftOn).toBeNull();

		await move('ready');
		const ready = (await stored(id)).at(-1)!;
		const [{ createdAt }] = await services.db.sql<{ createdAt: Date }[]>`
			select created_at from orders where id = ${id}`;
		expect(await finish(id)).toEqual({
			finishedAt: ready.enteredAt,
			// (the TypeScript clock reads whole seconds)
			days: expect.closeTo(businessDays(createdAt, ready.enteredAt, 'UTC'), 4),
			pieceType: 'engagement_ring'
		});
		await undoChange(services, morgan, id, { seq: await lastSeq(id) });
		expect(await finish(id)).toBeNull();
		expect((await stored(id)).at(-1)).toMatchObject({ stage: 'casting', leftAt: null, days: null });

		// The casting visit set to Friday 22:00 to Monday 13:00 UTC, by hand: its days follow.
		await services.db.sql`
			update stage_visits set entered_at = '2026-03-06T22:00:00Z', left_at = '2026-03-09T13:00:00Z',
				left_seq = entered_seq + 1
			where order_id = ${id} and stage = 'casting'`;
		visits = await stored(id);
		expect(visits[2]).toMatchObject({ enteredOn: '2026-03-06', leftOn: '2026-03-09' });
		expect(visits[2].days).toBeCloseTo(2 / 24 + 1 + 13 / 24, 9);
		// In New York the same visit is Friday 17:00 to Monday 09:00.
		await services.db.sql`update settings set time_zone = 'America/New_York'`;
		visits = await stored(id);
		expect(visits[2]).toMatchObject({ enteredOn: '2026-03-06', leftOn: '2026-03-09' });
		expect(visits[2].days).toBeCloseTo(1 + 16 / 24, 9);
		// The moves above took fractions of a second, which the TypeScript clock reads in whole
		// seconds (on a Sunday in New York both read 0, so only a weekday showed the difference).
		for (const visit of visits.filter((v) => v.leftAt))
			expect(visit.days).toBeCloseTo(
				businessDays(visit.enteredAt, visit.leftAt!, 'America/New_York'),
				4
			);
		await services.db.sql`update settings set time_zone = 'UTC'`;
	});
});
