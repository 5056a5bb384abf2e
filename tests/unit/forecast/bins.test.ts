import { describe, expect, it } from 'vitest';
import { binOf, mergeBins, summariseBins, type DwellBin } from '../../../src/lib/forecast/bins';
import { summarise } from '../../../src/lib/forecast/dwell';
import { seededRandom } from '../../../src/lib/forecast/random';

function binned(dwells: number[]): DwellBin[] {
	const bins = new Map<number, DwellBin>();
	for (const days of dwells) {
		const bin = binOf(days);
		const kept = bins.get(bin) ?? { bin, count: 0, low: days, high: days };
		kept.count++;
		kept.low = Math.min(kept.low, days);
		kept.high = Math.max(kept.high, days);
		bins.set(bin, kept);
	}
	return [...bins.values()];
}

describe('dwells counted in bins', () => {
	it('give the exact quantiles when each bin holds one value', () => {
		const dwells = [1, 2, 2, 2, 5, 9];
		expect(summariseBins(binned(dwells))).toEqual(summarise(dwells));
	});

	it('give quantiles within 5% of the sorted dwells for a year of skewed visits', () => {
		const random = seededRandom(7);
		const dwells = Array.from({ length: 20_000 }, () => 3 * Math.exp(0.8 * (random() * 2 - 1)));
		const exact = summarise(dwells).quantiles;
		const fromBins = summariseBins(binned(dwells)).quantiles;
		for (const [i, value] of exact.entries()) {
			expect(Math.abs(fromBins[i] - value) / value, `quantile ${i}`).toBeLessThan(0.05);
		}
	});

	it('merge groups into the bins of their union', () => {
		const a = [0.5, 1, 4];
		const b = [1.01, 7, 30];
		const merged = mergeBins([binned(a), binned(b)]);
		expect(merged.reduce((sum, bin) => sum + bin.count, 0)).toBe(6);
		expect(summariseBins(merged).quantiles[0]).toBe(0.5);
		expect(summariseBins(merged).quantiles.at(-1)).toBe(30);
	});
});
