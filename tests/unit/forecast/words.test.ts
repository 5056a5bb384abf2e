import { describe, expect, it } from 'vitest';
import type { Forecast } from '../../../src/lib/forecast/model';
import { forecastSentence } from '../../../src/lib/forecast/words';

const forecast: Forecast = {
	kind: 'forecast',
	likely: '2026-12-23',
	likely80: '2026-12-28',
	chanceByDue: 0.004,
	atRisk: true
};
const day = (date: string) => `day ${date}`;

describe("a forecast's sentence", () => {
	it('gives the chance of meeting a due date still ahead', () => {
		expect(forecastSentence(forecast, '2026-12-24', day, '2026-12-07')).toBe(
			'Likely ready day 2026-12-23; under 1% chance by the due date, day 2026-12-24'
		);
	});

	it('says a due date already past has passed, not a chance of meeting it', () => {
		expect(forecastSentence(forecast, '2026-12-04', day, '2026-12-07')).toBe(
			'Likely ready day 2026-12-23; the due date, day 2026-12-04, has passed'
		);
		// Due today is not past: the day is not over.
		expect(forecastSentence(forecast, '2026-12-07', day, '2026-12-07')).toContain('chance by');
	});

	it('without a due date, gives the date 80% of runs make', () => {
		expect(forecastSentence({ ...forecast, chanceByDue: null }, null, day, '2026-12-07')).toBe(
			'Likely ready day 2026-12-23; 80% chance by day 2026-12-28'
		);
	});
});
