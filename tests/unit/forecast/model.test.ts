import { describe, expect, it } from 'vitest';
import { summarise } from '../../../src/lib/forecast/dwell';
import { historyKey, type ForecastHistory } from '../../../src/lib/forecast/history';
import { forecastOrder, runAt, shareBy, type ForecastOrder } from '../../../src/lib/forecast/model';
import { seededRandom } from '../../../src/lib/forecast/random';
import type { BoardStage } from '../../../src/lib/stages';

const zone = 'America/New_York';
const always = (days: number, count = 8) => summarise(Array(count).fill(days));

/** Rings take exactly: casting 2 days, setting 2, polishing 1, inspection 1.5. */
function ringHistory(): ForecastHistory {
	const dwell: ForecastHistory['dwell'] = {};
	const days: Partial<Record<BoardStage, number>> = {
		casting: 2,
		setting: 2,
		polishing: 1,
		inspection: 1.5
	};
	for (const [stage, value] of Object.entries(days)) {
		dwell[historyKey({ pieceType: 'ring' }, stage as BoardStage)] = always(value);
		dwell[historyKey('all', stage as BoardStage)] = always(value);
	}
	return { dwell, finished: { ring: 8 } };
}

const ring = (overrides: Partial<ForecastOrder> = {}): ForecastOrder => ({
	id: 7,
	stage: 'casting',
	// Monday 09:00 in New York.
	stageEnteredAt: '2026-12-07T14:00:00Z',
	dueDate: '2026-12-14',
	rush: false,
	pieceType: 'ring',
	...overrides
});
// Monday 12:00 in New York: three hours (0.125 day) into Casting.
const now = new Date('2026-12-07T17:00:00Z');

describe('the forecast of an open order', () => {
	it('adds the rest of this stage and every later one on the business clock, over the Sunday', () => {
		// Monday 12:00 (0.5) + 1.875 (Casting's rest) + 2 + 1 + 1.5 = 6.875 business days from
		// Monday's start: Monday 21:00 next week. Calendar days would have ended on Sunday.
		const forecast = forecastOrder(ring(), ringHistory(), { timeZone: zone, now });
		expect(forecast).toEqual({
			kind: 'forecast',
			likely: '2026-12-14',
			likely80: '2026-12-14',
			chanceByDue: 1,
			atRisk: false
		});
	});

	it('says a Sunday due date is missed when Saturday ends without the piece', () => {
		const forecast = forecastOrder(ring({ dueDate: '2026-12-13' }), ringHistory(), {
			timeZone: zone,
			now
		});
		expect(forecast).toMatchObject({ kind: 'forecast', chanceByDue: 0, atRisk: true });
	});

	it('says so instead of a number when a stage on the way has fewer than five past visits', () => {
		const history = ringHistory();
		history.dwell[historyKey({ pieceType: 'ring' }, 'inspection')] = always(1.5, 4);
		history.dwell[historyKey('all', 'inspection')] = always(1.5, 4);
		expect(forecastOrder(ring(), history, { timeZone: zone, now })).toEqual({
			kind: 'not_enough_history'
		});
	});

	it('falls back to every piece when the piece type has only a few visits of a stage', () => {
		const history = ringHistory();
		history.dwell[historyKey({ pieceType: 'ring' }, 'setting')] = always(30, 3);
		const forecast = forecastOrder(ring(), history, { timeZone: zone, now });
		expect(forecast).toMatchObject({ likely: '2026-12-14' });
	});

	it('leaves out a stage the piece type never goes through (a plain band is not set)', () => {
		const history = ringHistory();
		for (const stage of ['casting', 'polishing', 'inspection'] as const) {
			history.dwell[historyKey({ pieceType: 'band' }, stage)] =
				history.dwell[historyKey({ pieceType: 'ring' }, stage)];
		}
		history.finished.band = 6;
		// Without Setting's 2 days: 0.5 + 1.875 + 1 + 1.5 = 4.875, Friday 21:00.
		const forecast = forecastOrder(ring({ pieceType: 'band' }), history, { timeZone: zone, now });
		expect(forecast).toMatchObject({ likely: '2026-12-11' });
	});

	it('uses the piece type’s rush history for a rush order once it has five visits', () => {
		const history = ringHistory();
		history.dwell[historyKey({ pieceType: 'ring', rush: true }, 'setting')] = always(0.5, 5);
		// 6.875 - 1.5 = 5.375: Saturday 09:00.
		expect(forecastOrder(ring({ rush: true }), history, { timeZone: zone, now })).toMatchObject({
			likely: '2026-12-12'
		});
		expect(forecastOrder(ring(), history, { timeZone: zone, now })).toMatchObject({
			likely: '2026-12-14'
		});
	});

	it('gives the same answer for the same order every time (seeded from its id)', () => {
		const history = ringHistory();
		history.dwell[historyKey({ pieceType: 'ring' }, 'setting')] = summarise([1, 2, 3, 4, 5, 6, 9]);
		const first = forecastOrder(ring({ dueDate: '2026-12-15' }), history, { timeZone: zone, now });
		const again = forecastOrder(ring({ dueDate: '2026-12-15' }), history, { timeZone: zone, now });
		expect(again).toEqual(first);
		expect(first.kind === 'forecast' && first.chanceByDue).toBeGreaterThan(0);
		expect(first.kind === 'forecast' && first.chanceByDue).toBeLessThan(1);
	});

	it('has nothing to forecast for a piece ready for pickup', () => {
		expect(forecastOrder(ring({ stage: 'ready' }), ringHistory(), { timeZone: zone, now })).toEqual(
			{ kind: 'done' }
		);
	});
});

describe('reading the runs', () => {
	it('finds the same median and 80% run as sorting them would', () => {
		const random = seededRandom(3);
		for (const size of [1, 2, 5, 2000]) {
			const runs = Float64Array.from({ length: size }, () => Math.floor(random() * 50));
			const sorted = [...runs].sort((a, b) => a - b);
			for (const share of [0.5, 0.8, 1]) {
				expect(runAt(runs, share), `${size} at ${share}`).toBe(sorted[Math.ceil(share * size) - 1]);
			}
			expect(shareBy(runs, 25)).toBe(sorted.filter((run) => run <= 25).length / size);
		}
	});
});
