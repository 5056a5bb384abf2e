import { describe, expect, it } from 'vitest';
import { businessDate, businessDayIndex, endOfDate } from '../../../src/lib/business-time';
import { summarise } from '../../../src/lib/forecast/dwell';
import { historyKey, stagesAfter, type ForecastHistory } from '../../../src/lib/forecast/history';
import { runAt, shareBy, simulate } from '../../../src/lib/forecast/model';
import { seededRandom } from '../../../src/lib/forecast/random';
import type { BoardStage } from '../../../src/lib/stages';

/**
 * A synthetic shop whose true stage times are known: log-normal dwells (business days), skewed as
 * real waits are (a casting house that is usually quick and sometimes slow).
 */
const TRUE_DWELL: Record<Exclude<BoardStage, 'ready'>, { median: number; spread: number }> = {
	intake: { median: 1.5, spread: 0.6 },
	design: { median: 6, spread: 0.7 },
	casting: { median: 4, spread: 0.5 },
	setting: { median: 2.5, spread: 0.6 },
	polishing: { median: 1, spread: 0.5 },
	inspection: { median: 0.5, spread: 0.4 }
};
const WORK_STAGES = Object.keys(TRUE_DWELL) as (keyof typeof TRUE_DWELL)[];

function trueDwell(stage: keyof typeof TRUE_DWELL, random: () => number): number {
	// Box-Muller: a standard normal from two uniforms.
	const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
	const { median, spread } = TRUE_DWELL[stage];
	return median * Math.exp(spread * normal);
}

function generatedHistory(orders: number, random: () => number): ForecastHistory {
	const dwell: ForecastHistory['dwell'] = {};
	for (const stage of WORK_STAGES) {
		const visits = Array.from({ length: orders }, () => trueDwell(stage, random));
		dwell[historyKey({ pieceType: 'ring' }, stage)] = summarise(visits);
	}
	return { dwell, finished: { ring: orders } };
}

/** An open order seen mid-stage: `elapsed` days into a visit whose true length is longer. */
function openOrder(random: () => number) {
	const stage = WORK_STAGES[Math.floor(random() * WORK_STAGES.length)];
	const elapsed = random() * 2 * TRUE_DWELL[stage].median;
	let current = trueDwell(stage, random);
	// Only visits longer than what has passed can be the one under way.
	while (current <= elapsed) current = trueDwell(stage, random);
	const rest = stagesAfter(stage).reduce(
		(sum, later) => sum + trueDwell(later as never, random),
		0
	);
	const now = businessDayIndex('2026-12-07') + random() * 60;
	return { stage, elapsed, now, readyAt: now + current - elapsed + rest };
}

describe('calibration on generated history', () => {
	// 400 orders: at 80% the binomial standard error is 2 points, so ±7 points is 3.5 of them.
	const ORDERS = 400;
	const TOLERANCE = 0.07;
	const random = seededRandom(2026);
	const history = generatedHistory(2000, random);
	const cases = Array.from({ length: ORDERS }, () => {
		const order = openOrder(random);
		const runs = simulate(
			{ stage: order.stage, pieceType: 'ring', rush: false },
			order.elapsed,
			order.now,
			history,
			1000,
			random
		)!;
		return { order, runs };
	});

	it('is on time about as often as it says, for orders given a due date at their 80% date', () => {
		let predicted = 0;
		let onTime = 0;
		for (const { order, runs } of cases) {
			const due = businessDate(runAt(runs, 0.8));
			predicted += shareBy(runs, endOfDate(due));
			if (order.readyAt <= endOfDate(due)) onTime++;
		}
		// Due dates are whole days, so the chance by the 80% date is 80% or a little more.
		expect(predicted / ORDERS).toBeGreaterThanOrEqual(0.8);
		expect(predicted / ORDERS).toBeLessThan(0.9);
		expect(Math.abs(onTime / ORDERS - predicted / ORDERS)).toBeLessThanOrEqual(TOLERANCE);
	});

	it('is right about the orders it calls at risk: half or fewer of them make their date', () => {
		let atRisk = 0;
		let atRiskOnTime = 0;
		let predicted = 0;
		for (const [i, { order, runs }] of cases.entries()) {
			// Due dates spread from the 10% date to the 90% date of each order's own runs.
			const share = 0.1 + (0.8 * ((i * 7) % ORDERS)) / ORDERS;
			const due = businessDate(runAt(runs, share));
			const chance = shareBy(runs, endOfDate(due));
			if (chance >= 0.5) continue;
			atRisk++;
			predicted += chance;
			if (order.readyAt <= endOfDate(due)) atRiskOnTime++;
		}
		expect(atRisk).toBeGreaterThan(100);
		expect(Math.abs(atRiskOnTime / atRisk - predicted / atRisk)).toBeLessThanOrEqual(TOLERANCE);
	});
});
