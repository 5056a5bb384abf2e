import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessClock, businessDate } from '../../src/lib/business-time';
import { historyKey } from '../../src/lib/forecast/history';
import { forecastOrder } from '../../src/lib/forecast/model';
import { todayIn } from '../../src/lib/due';
import type { Actor } from '../../src/lib/server/events';
import { readForecastHistory } from '../../src/lib/server/forecast/history';
import { openOrderForecasts } from '../../src/lib/server/forecast/open-orders';
import { createOrder, getOrder, moveOrder } from '../../src/lib/server/orders';
import type { StartedServices } from '../../src/lib/server/start';
import { BOARD_STAGES, type BoardStage } from '../../src/lib/stages';
import { backends } from '../helpers/services';

const zone = 'America/New_York';

/**
 * Each stage's visits, set to known local times after the real moves made them (stage_visits is
 * derived from the log; the log itself cannot be rewritten): business days by hand.
 */
const VISIT_TIMES: Record<Exclude<BoardStage, 'ready'>, [string, string, number]> = {
	intake: ['2026-11-03 09:00', '2026-11-04 09:00', 1],
	// Saturday to Monday: two calendar days, one business day.
	design: ['2026-11-07 10:00', '2026-11-09 10:00', 1],
	// Across the end of DST (Sunday, November 1): 49 hours, one business day.
	casting: ['2026-10-31 10:00', '2026-11-02 10:00', 1],
	setting: ['2026-11-10 09:00', '2026-11-10 21:00', 0.5],
	polishing: ['2026-11-11 09:00', '2026-11-11 15:00', 0.25],
	inspection: ['2026-11-12 09:00', '2026-11-12 15:00', 0.25]
};

describe.each(backends)('forecasts from real stage visits on $name', (backend) => {
	let services: StartedServices;
	let morgan: Actor;

	beforeAll(async () => {
		services = await backend.start();
		await services.db.sql`update settings set time_zone = ${zone}`;
		const [user] = await services.db.sql<{ id: number }[]>`
			insert into users (username, display_name, role) values ('morgan', 'Morgan Lee', 'manager')
			returning id`;
		morgan = { id: user.id, name: 'Morgan Lee', role: 'manager' };
	});
	afterAll(() => services?.stop());

	async function order(pieceType: string, dueDate: string | null, title = 'Pendant') {
		const created = await createOrder(services, morgan, {
			customer: { givenName: 'Ines', familyName: 'Moreau', phone: '555-0199' },
			title,
			pieceType,
			dueDate
		});
		return created.card.id;
	}
	async function moveTo(id: number, stage: BoardStage) {
		const { version } = await getOrder(services.db.sql, morgan, id);
		await moveOrder(services, morgan, id, { stage, afterId: null, version });
	}

	it('has too little history to forecast from until five orders have gone through', async () => {
		const history = await readForecastHistory(services.db.sql);
		expect(history).toEqual({ dwell: {}, finished: {} });
		const id = await order('pendant', '2027-01-08');
		const waiting = { id, stage: 'intake' as const, dueDate: '2027-01-08', rush: false };
		const card = { ...waiting, pieceType: 'pendant', stageEnteredAt: new Date().toISOString() };
		expect(forecastOrder(card, history, { timeZone: zone, now: new Date() })).toEqual({
			kind: 'not_enough_history'
		});
	});

	it('summarises five finished pendants’ visits on the business clock of the shop’s zone', async () => {
		for (let i = 0; i < 5; i++) {
			const id = await order('pendant', null, `Finished pendant ${i}`);
			for (const stage of BOARD_STAGES.slice(1)) await moveTo(id, stage);
		}
		for (const [stage, [entered, left]] of Object.entries(VISIT_TIMES)) {
			await services.db.sql`
				update stage_visits set entered_at = ${entered}::timestamp at time zone ${zone},
					left_at = ${left}::timestamp at time zone ${zone}
				where stage = ${stage} and left_at is not null`;
		}
		const history = await readForecastHistory(services.db.sql);
		expect(history.finished).toEqual({ pendant: 5 });
		for (const [stage, [, , days]] of Object.entries(VISIT_TIMES)) {
			const summary = history.dwell[historyKey({ pieceType: 'pendant' }, stage as BoardStage)];
			expect(summary.count, stage).toBe(5);
			for (const value of summary.quantiles) expect(value, stage).toBeCloseTo(days, 4);
			expect(history.dwell[historyKey('all', stage as BoardStage)].count).toBe(5);
		}
		// None of them was rush: no rush group.
		expect(Object.keys(history.dwell).some((key) => key.includes('+rush'))).toBe(false);
	});

	it('forecasts every open order for the roles that see the board, at risk when the date is too near', async () => {
		const onTime = await order('pendant', '2027-12-31', 'Due next year');
		const late = await order('pendant', '2026-01-05', 'Due long ago');
		const otherPiece = await order('bracelet', null, 'A bracelet');
		for (const id of [onTime, late, otherPiece]) {
			await moveTo(id, 'design');
			await moveTo(id, 'casting');
		}
		const now = new Date();
		const bench: Actor = { id: morgan.id, name: 'Elena Novak', role: 'bench' };
		const { timeZone, forecasts } = await openOrderForecasts(services.db.sql, bench, now);
		expect(timeZone).toBe(zone);
		const of = (id: number) => forecasts.find((f) => f.orderId === id)!.forecast;
		// A moment in Casting, whose visits took one day: the rest of it, then 0.5 + 0.25 + 0.25.
		const expected = businessDate(businessClock(now, zone) + 2);
		expect(of(onTime)).toEqual({
			kind: 'forecast',
			likely: expected,
			likely80: expected,
			chanceByDue: 1,
			atRisk: false
		});
		expect(of(late)).toMatchObject({ kind: 'forecast', chanceByDue: 0, atRisk: true });
		// No bracelet has ever been made: every piece's visits stand in.
		expect(of(otherPiece)).toMatchObject({ kind: 'forecast', likely: expected, chanceByDue: null });
		// The five finished pieces wait for their customers: nothing to forecast.
		expect(forecasts.filter((f) => f.stage === 'ready').map((f) => f.forecast)).toEqual(
			Array(5).fill({ kind: 'done' })
		);
		expect(forecasts.filter((f) => f.forecast.kind === 'forecast')).toHaveLength(4);
		expect(JSON.stringify(forecasts)).not.toMatch(/Moreau|Ines|555|Cents/i);
		expect(todayIn(zone) <= expected).toBe(true);
		const display: Actor = { id: morgan.id, name: 'Showroom', role: 'display' };
		await expect(openOrderForecasts(services.db.sql, display, now)).rejects.toMatchObject({
			status: 403
		});
	});
});
