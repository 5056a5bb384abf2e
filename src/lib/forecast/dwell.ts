/**
 * The shop's past time in one stage, kept compact: how many completed visits there were and the
 * dwell (business days) at evenly spaced quantiles, 0% to 100%. Forty-one points (every 2.5%) keep
 * the shape of a skewed distribution within a few hours and cost a few hundred bytes per stage and
 * piece type, so the whole history travels to the board with the page.
 */
export interface DwellSummary {
	count: number;
	/** Ascending, `QUANTILE_POINTS` values. */
	quantiles: number[];
}

export const QUANTILE_POINTS = 41;

/** Fewer completed visits than this and a stage's history is not enough to forecast from. */
export const MIN_VISITS = 5;

/** The shares at which quantiles are kept: 0, 0.025, ..., 1. */
export const QUANTILE_SHARES = Array.from(
	{ length: QUANTILE_POINTS },
	(_, i) => i / (QUANTILE_POINTS - 1)
);

/** The summary of some dwells, with the same interpolation as PostgreSQL's percentile_cont. */
export function summarise(dwells: readonly number[]): DwellSummary {
	const sorted = [...dwells].sort((a, b) => a - b);
	const quantiles = QUANTILE_SHARES.map((share) => {
		if (!sorted.length) return 0;
		const position = share * (sorted.length - 1);
		const below = Math.floor(position);
		const above = Math.min(below + 1, sorted.length - 1);
		return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
	});
	return { count: sorted.length, quantiles };
}

/** The dwell at a share (0..1) of the visits: the inverse of the distribution, linear between points. */
export function dwellAt(summary: DwellSummary, share: number): number {
	const q = summary.quantiles;
	const position = Math.min(Math.max(share, 0), 1) * (q.length - 1);
	const below = Math.floor(position);
	if (below >= q.length - 1) return q[q.length - 1];
	return q[below] + (q[below + 1] - q[below]) * (position - below);
}

/** The share of visits that ended within `dwell`: where `dwellAt` would return it. */
export function shareWithin(summary: DwellSummary, dwell: number): number {
	const q = summary.quantiles;
	if (dwell < q[0]) return 0;
	if (dwell >= q[q.length - 1]) return 1;
	let i = 0;
	while (q[i + 1] <= dwell) i++;
	const span = q[i + 1] - q[i];
	return (i + (span > 0 ? (dwell - q[i]) / span : 0)) / (q.length - 1);
}

/**
 * A dwell drawn from the history, for a fresh visit: `random` is a uniform draw in [0, 1).
 */
export function drawDwell(summary: DwellSummary, random: number): number {
	return dwellAt(summary, random);
}

/**
 * Where to draw the rest of a visit `elapsed` days old: from the visits that lasted longer than
 * it. When fewer than MIN_VISITS did (the order has sat longer than almost every past one), the
 * draw comes from the longest MIN_VISITS visits, measured from where they start, so a stuck order
 * is expected to take as long again as the slowest past ones took beyond that point, not to leave
 * at once.
 */
export function remainingRange(
	summary: DwellSummary,
	elapsed: number
): { from: number; base: number } {
	const tail = 1 - Math.min(1, MIN_VISITS / summary.count);
	const from = Math.min(shareWithin(summary, elapsed), tail);
	// Younger than every past visit: the rest is each draw less the time already spent.
	return { from, base: Math.min(elapsed, dwellAt(summary, tail)) };
}

/** The rest of a visit, drawn under the condition `remainingRange` describes. */
export function drawRemaining(
	summary: DwellSummary,
	range: { from: number; base: number },
	random: number
): number {
	const share = range.from + (1 - range.from) * random;
	return Math.max(0, dwellAt(summary, share) - range.base);
}
