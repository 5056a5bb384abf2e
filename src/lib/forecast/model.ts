import { isBoardStage, type BoardStage, type Stage } from '../stages';
import { businessClock, businessDate, endOfDate } from '../business-time';
import { drawDwell, remainingRange, type DwellSummary } from './dwell';
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
 * What the stages after `stage` add up to, run by run, for one kind of order: the same for every
 * open order of that kind, so it is drawn once per history (seeded by the kind) and each order
 * draws only the rest of its current visit. That keeps thousands of runs for hundreds of open
 * orders within a few milliseconds each. Null when a stage on the way has too little history.
 */
const laterRuns = new WeakMap<ForecastHistory, Map<string, Float64Array | null>>();

function laterStages(
	history: ForecastHistory,
	order: { pieceType: string; rush: boolean },
	stage: BoardStage,
	runs: number
): Float64Array | null {
	let byKind = laterRuns.get(history);
	if (!byKind) laterRuns.set(history, (byKind = new Map()));
	const kind = `${order.pieceType}|${order.rush}|${stage}|${runs}`;
	if (byKind.has(kind)) return byKind.get(kind)!;
	let sums: Float64Array | null = new Float64Array(runs);
	const summaries: DwellSummary[] = [];
	for (const later of stagesAfter(stage)) {
		const source = stageSource(history, order, later);
		if (source.kind === 'unknown') sums = null;
		if (source.kind === 'history') summaries.push(source.summary);
	}
	if (sums) {
		const random = seededRandom(seedOf(...[...kind].map((char) => char.charCodeAt(0))));
		for (let run = 0; run < runs; run++) {
			for (const summary of summaries) sums[run] += drawDwell(summary, random());
		}
	}
	byKind.set(kind, sums);
	return sums;
}

/**
 * The Monte Carlo core on the business clock: `elapsed` business days already in `stage`, `now`
 * the present's place on the clock. Each run draws the rest of the current visit from the past
 * visits that lasted longer than `elapsed`, then one visit of every later stage up to Ready, and
 * notes the clock at which the piece would reach Ready. Returns the runs' finishing points (in no
 * particular order), or null when a needed stage has too little history.
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
	const later = laterStages(history, order, order.stage, runs);
	if (!later) return null;
	const finish = new Float64Array(runs);
	if (current.kind !== 'history') {
		for (let run = 0; run < runs; run++) finish[run] = now + 0 + later[run];
		return finish;
	}
	// drawRemaining (./dwell.ts) written out for the hot loop: the same numbers, with no call and
	// no object per run (a busy shop's open orders make millions of runs).
	const q = current.summary.quantiles;
	const last = q.length - 1;
	const { from, base } = remainingRange(current.summary, elapsed);
	for (let run = 0; run < runs; run++) {
		const share = from + (1 - from) * random();
		const position = (share < 0 ? 0 : share > 1 ? 1 : share) * last;
		const below = Math.floor(position);
		const dwell =
			below >= last ? q[last] : q[below] + (q[below + 1] - q[below]) * (position - below);
		const rest = dwell - base;
		finish[run] = now + (rest > 0 ? rest : 0) + later[run];
	}
	return finish;
}

/**
 * The k-th smallest run (0-based), found in place without sorting every run (Hoare's selection):
 * a forecast needs two of them, and sorting two thousand runs per order cost most of the time.
 */
function kth(runs: Float64Array, k: number): number {
	let low = 0;
	let high = runs.length - 1;
	while (low < high) {
		const pivot = runs[(low + high) >> 1];
		let i = low;
		let j = high;
		while (i <= j) {
			while (runs[i] < pivot) i++;
			while (runs[j] > pivot) j--;
			if (i <= j) {
				const swap = runs[i];
				runs[i++] = runs[j];
				runs[j--] = swap;
			}
		}
		if (k <= j) high = j;
		else if (k >= i) low = i;
		else return runs[k];
	}
	return runs[k];
}

/** The run by which `share` of all runs have finished. */
export function runAt(runs: Float64Array, share: number): number {
	return kth(runs, Math.min(runs.length - 1, Math.ceil(share * runs.length) - 1));
}

/** The share of runs finished at or before `limit`. */
export function shareBy(runs: Float64Array, limit: number): number {
	let within = 0;
	for (let i = 0; i < runs.length; i++) if (runs[i] <= limit) within++;
	return within / runs.length;
}

/** The present on the clock, worked out once for all the orders forecast at the same moment. */
let lastNow = { at: NaN, timeZone: '', clock: 0 };
function nowOnClock(now: Date, timeZone: string): number {
	if (lastNow.at !== now.getTime() || lastNow.timeZone !== timeZone)
		lastNow = { at: now.getTime(), timeZone, clock: businessClock(now, timeZone) };
	return lastNow.clock;
}

/** An open order's forecast: likely ready date, the date 80% of runs make, the chance by its due date. */
export function forecastOrder(
	order: ForecastOrder,
	history: ForecastHistory,
	options: ForecastOptions
): Forecast {
	if (!isBoardStage(order.stage) || order.stage === 'ready') return { kind: 'done' };
	const now = nowOnClock(options.now, options.timeZone);
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
