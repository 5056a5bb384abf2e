import { describe, expect, it } from 'vitest';
import {
	drawRemaining,
	dwellAt,
	remainingRange,
	shareWithin,
	summarise
} from '../../../src/lib/forecast/dwell';

// Ten past visits of 1, 2, ..., 10 business days: the quantiles run straight from 1 to 10.
const tenVisits = summarise([5, 1, 9, 2, 8, 3, 7, 4, 6, 10]);

describe('a stage’s dwell history', () => {
	it('keeps the quantiles PostgreSQL’s percentile_cont would give', () => {
		expect(tenVisits.count).toBe(10);
		expect(dwellAt(tenVisits, 0)).toBe(1);
		expect(dwellAt(tenVisits, 0.5)).toBeCloseTo(5.5, 9);
		expect(dwellAt(tenVisits, 1)).toBe(10);
		expect(shareWithin(tenVisits, 3)).toBeCloseTo(2 / 9, 9);
	});

	it('draws the rest of a visit only from the past visits that lasted longer', () => {
		// Three days in: past visits of 3 to 10 days are the ones like it; the rest is 0 to 7 days.
		const range = remainingRange(tenVisits, 3);
		expect(range.base).toBeCloseTo(3, 9);
		// A draw halfway: share 2/9 + (7/9)/2 = 11/18, a dwell of 1 + 9 * 11/18 = 6.5, so 3.5 more.
		expect(drawRemaining(tenVisits, range, 0.5)).toBeCloseTo(3.5, 9);
		expect(drawRemaining(tenVisits, range, 0)).toBeCloseTo(0, 9);
		expect(drawRemaining(tenVisits, range, 0.999999)).toBeCloseTo(7, 4);
	});

	it('gives a visit younger than every past one the whole rest of a past visit', () => {
		const range = remainingRange(summarise([2, 2, 2, 2, 2]), 0.5);
		expect(drawRemaining(summarise([2, 2, 2, 2, 2]), range, 0.3)).toBeCloseTo(1.5, 9);
	});

	it('expects an order older than almost every past visit to take as long as the slowest did beyond that point', () => {
		// Twenty days in, past all ten: the five longest (5.5 to 10 days) are measured from 5.5.
		const range = remainingRange(tenVisits, 20);
		expect(range.from).toBeCloseTo(0.5, 9);
		expect(range.base).toBeCloseTo(5.5, 9);
		expect(drawRemaining(tenVisits, range, 0.5)).toBeCloseTo(2.25, 9);
	});
});
