import { isBoardStage, type Stage } from '../stages';
import { businessClock, businessDate, endOfDate } from './business-time';
import { drawDwell, drawRemaining, remainingRange, type DwellSummary } from './dwell';
import { stageSource, stagesAfter, type ForecastHistory } from './history';
import { seededRandom, seedOf } from './random';

export const DEFAULT_RUNS = 2000;

/** Below this chance of being ready by the due date, a card says "At risk". */
export const AT_RISK_BELOW = 0.5;

/** What a forecast needs to know about an open order. */
export interface ForecastOrder {
	id: number;
	stage: Stage;
	/** ISO time the order entered its current stage. */
	stageEnteredAt: string;
	dueDate: string | null;
	rush: boolean;
	pieceType: string;
}

export type Forecast =
	| {
			kind: 'forecast';
			/** Calendar dates in the shop's time zone: half the runs were ready by `likely`, 80% by `likely80`. */
			likely: string;
			likely80: string;
			/** Share of runs ready by the end of the due date; null without a due date. */
			chanceByDue: number | null;
			atRisk: boolean;
	  }
	/** A stage on the way has fewer than MIN_VISITS past visits to draw from, even over every piece. */
	| { kind: 'not_enough_history' }
	/** Ready for pickup or archived: nothing to forecast. */
	| { kind: 'done' };

export interface ForecastOptions {
	timeZone: string;
	now: Date;
	runs?: number;
	/** Defaults to one from the order's id, so the same order gives the same runs every time. */
	seed?: number;
}

/**
 * The Monte Carlo core on the business clock: `elapsed` business days already in `stage`, `now`
 * the present's place on the clock. Each run draws the rest of the current visit from the past
 * visits that lasted longer than `elapsed`, then one visit of every later stage up to Ready, and
 * notes the clock at which the piece would reach Ready. Returns the runs' finishing points, sorted,
 * or null when a needed stage has too little history.
 */
export function simulate(
	order: Pick<ForecastOrder, 'pieceType' | 'rush'> & { stage: Stage },
	elapsed: number,
	now: number,
	history: ForecastHistory,
	runs: number,
	random: () => number
): Float64Array | null {
	if (!isBoardStage(order.stage) || order.stage === 'ready') return null;
	const current = stageSource(history, order, order.stage);
	if (current.kind === 'unknown') return null;
	const later: DwellSummary[] = [];
	for (const stage of stagesAfter(order.stage)) {
		const source = stageSource(history, order, stage);
		if (source.kind === 'unknown') return null;
		if (source.kind === 'history') later.push(source.summary);
	}
	const range = current.kind === 'history' ? remainingRange(current.summary, elapsed) : null;
	const finish = new Float64Array(runs);
	for (let run = 0; run < runs; run++) {
		let clock = now;
		if (current.kind === 'history') clock += drawRemaining(current.summary, range!, random());
		for (const summary of later) clock += drawDwell(summary, random());
		finish[run] = clock;
	}
	return finish.sort();
}

/** The value below which `share` of the sorted runs fall. */
function runAt(sorted: Float64Array, share: number): number {
	return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)];
}

/** The share of sorted runs at or before `limit`. */
export function shareBy(sorted: Float64Array, limit: number): number {
	let low = 0;
	let high = sorted.length;
	while (low < high) {
		const mid = (low + high) >> 1;
		if (sorted[mid] <= limit) low = mid + 1;
		else high = mid;
	}
	return low / sorted.length;
}

/** An open order's forecast: likely ready date, the date 80% of runs make, the chance by its due date. */
export function forecastOrder(
	order: ForecastOrder,
	history: ForecastHistory,
	options: ForecastOptions
): Forecast {
	if (!isBoardStage(order.stage) || order.stage === 'ready') return { kind: 'done' };
	const now = businessClock(options.now, options.timeZone);
	const elapsed = Math.max(0, now - businessClock(order.stageEnteredAt, options.timeZone));
	const random = seededRandom(options.seed ?? seedOf(order.id));
	const runs = simulate(order, elapsed, now, history, options.runs ?? DEFAULT_RUNS, random);
	if (!runs) return { kind: 'not_enough_history' };
	const chanceByDue = order.dueDate === null ? null : shareBy(runs, endOfDate(order.dueDate));
	return {
		kind: 'forecast',
		likely: businessDate(runAt(runs, 0.5)),
		likely80: businessDate(runAt(runs, 0.8)),
		chanceByDue,
		atRisk: chanceByDue !== null && chanceByDue < AT_RISK_BELOW
	};
}
