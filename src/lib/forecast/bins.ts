import { QUANTILE_SHARES, type DwellSummary } from './dwell';

/**
 * Dwells counted in narrow bins (each 5% wider than the one before), with the shortest and longest
 * dwell in each: what the database sends instead of sorting every visit (sorting a year of visits
 * costs seconds on the embedded database; counting them does not).
 */
export interface DwellBin {
	bin: number;
	count: number;
	low: number;
	high: number;
}

/** The bin a dwell (business days) falls in: the SQL in server/forecast/history.ts says the same. */
export const binOf = (days: number) => Math.floor(Math.log(1 + days * 24) * 20);

/** Bins of several groups as one (a piece type's rush and other orders, every piece type). */
export function mergeBins(groups: readonly DwellBin[][]): DwellBin[] {
	const merged = new Map<number, DwellBin>();
	for (const bins of groups) {
		for (const { bin, count, low, high } of bins) {
			const kept = merged.get(bin);
			if (!kept) merged.set(bin, { bin, count, low, high });
			else {
				kept.count += count;
				kept.low = Math.min(kept.low, low);
				kept.high = Math.max(kept.high, high);
			}
		}
	}
	return [...merged.values()].sort((a, b) => a.bin - b.bin);
}

/**
 * The summary of binned dwells, as `summarise` gives for the dwells themselves (percentile_cont's
 * interpolation), taking the dwells in a bin as evenly spread from its shortest to its longest.
 */
export function summariseBins(bins: readonly DwellBin[]): DwellSummary {
	const sorted = [...bins].sort((a, b) => a.bin - b.bin);
	const count = sorted.reduce((sum, bin) => sum + bin.count, 0);
	const nth = (index: number) => {
		let before = 0;
		for (const bin of sorted) {
			if (index < before + bin.count) {
				const k = index - before;
				return bin.count === 1 ? bin.low : bin.low + ((bin.high - bin.low) * k) / (bin.count - 1);
			}
			before += bin.count;
		}
		return sorted.at(-1)?.high ?? 0;
	};
	const quantiles = QUANTILE_SHARES.map((share) => {
		if (!count) return 0;
		const position = share * (count - 1);
		const below = Math.floor(position);
		const value = nth(below);
		return value + (nth(Math.min(below + 1, count - 1)) - value) * (position - below);
	});
	return { count, quantiles };
}
