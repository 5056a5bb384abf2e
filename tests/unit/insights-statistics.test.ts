import { describe, expect, it } from 'vitest';
import { businessDays } from '../../src/lib/business-time';
import { chartCsv } from '../../src/lib/insights/csv';
import { percentile } from '../../src/lib/insights/percentile';
import { jsonbText } from '../../src/lib/server/history-generator/event-hash';
import { Random } from '../../src/lib/server/history-generator/random';

describe('percentile (as SQL percentile_cont)', () => {
	it('interpolates between the nearest ranks', () => {
		expect(percentile([], 0.5)).toBeNull();
		expect(percentile([4], 0.85)).toBe(4);
		expect(percentile([3, 1, 2], 0.5)).toBe(2);
		expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
		// 85th of 1..10: rank 0.85 * 9 = 7.65, between 8 and 9.
		expect(percentile([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 0.85)).toBeCloseTo(8.65, 10);
		expect(percentile([5, 8], 0.85)).toBeCloseTo(7.55, 10);
	});
});

describe('business days in the shop’s time zone', () => {
	const ny = 'America/New_York';
	it('counts Monday to Saturday by the hour and skips Sunday', () => {
		// Monday 10:00 to Tuesday 10:00 in New York.
		expect(
			businessDays(new Date('2026-03-02T15:00:00Z'), new Date('2026-03-03T15:00:00Z'), ny)
		).toBe(1);
		// Friday 17:00 to Monday 09:00: 7 hours on Friday, all of Saturday, 9 hours on Monday.
		expect(
			businessDays(new Date('2026-03-06T22:00:00Z'), new Date('2026-03-09T13:00:00Z'), ny)
		).toBeCloseTo(1 + 16 / 24, 10);
		// Saturday 10:00 to Sunday 16:00: the rest of Saturday, 14 hours; Sunday is nothing.
		expect(
			businessDays(new Date('2026-03-07T15:00:00Z'), new Date('2026-03-08T20:00:00Z'), ny)
		).toBeCloseTo(14 / 24, 10);
		// Sunday 09:00 to 18:00: nothing.
		expect(
			businessDays(new Date('2026-03-15T13:00:00Z'), new Date('2026-03-15T22:00:00Z'), ny)
		).toBe(0);
		// Two whole weeks: twelve days.
		expect(
			businessDays(new Date('2026-02-02T15:00:00Z'), new Date('2026-02-16T15:00:00Z'), ny)
		).toBe(12);
	});

	it('reads the day in the shop’s zone, not UTC', () => {
		// Friday 22:00 in New York (UTC-4 since the 8th) is already Saturday 02:00 UTC: two hours of
		// Friday and all of Saturday are left before Monday's midnight.
		const fridayEvening = new Date('2026-03-14T02:00:00Z');
		const mondayMidnight = new Date('2026-03-16T04:00:00Z');
		expect(businessDays(fridayEvening, mondayMidnight, ny)).toBeCloseTo(26 / 24, 10);
		// Read in UTC it would be Saturday 02:00 to Monday 04:00: 22 hours of Saturday, 4 of Monday.
		expect(businessDays(fridayEvening, mondayMidnight, 'UTC')).toBeCloseTo(26 / 24, 10);
		// Saturday 20:00 New York is Sunday 00:00 UTC: four hours of Saturday there, none in UTC.
		const saturdayEvening = new Date('2026-03-15T00:00:00Z');
		const saturdayNight = new Date('2026-03-15T04:00:00Z');
		expect(businessDays(saturdayEvening, saturdayNight, ny)).toBeCloseTo(4 / 24, 10);
		expect(businessDays(saturdayEvening, saturdayNight, 'UTC')).toBe(0);
	});
});

describe('the history generator’s pieces', () => {
	it('a seeded random source repeats itself', () => {
		const a = new Random(42);
		const b = new Random(42);
		const first = Array.from({ length: 5 }, () => a.next());
		expect(Array.from({ length: 5 }, () => b.next())).toEqual(first);
		expect(first.every((n) => n >= 0 && n < 1)).toBe(true);
		expect(new Random(43).next()).not.toBe(first[0]);
	});

	it('prints a payload as PostgreSQL prints jsonb (keys shorter first, then by bytes)', () => {
		expect(jsonbText({ before: null, after: { stage: 'design', id: 3 }, b: [1, 'x"y'] })).toBe(
			'{"b": [1, "x\\"y"], "after": {"id": 3, "stage": "design"}, "before": null}'
		);
		expect(jsonbText({})).toBe('{}');
		expect(jsonbText({ skipped: undefined, kept: 'é' })).toBe('{"kept": "é"}');
	});
});

describe('a chart as CSV', () => {
	it('writes the numbers its bars are drawn from', () => {
		const csv = chartCsv({
			chart: 'on-time',
			months: [{ month: '2026-03', finished: 2, onTime: 1, rate: 0.5 }]
		});
		expect(csv).toBe(
			'\uFEFFMonth,Finished with a due date,On time,On-time rate\r\n2026-03,2,1,0.5\r\n'
		);
		const waits = chartCsv({
			chart: 'waits',
			blockers: [{ kind: '=HYPERLINK("x")', count: 1, open: 0, totalDays: 1.5, median: 1.5 }],
			vendors: []
		});
		// A blocker's words typed by anyone cannot run as a spreadsheet formula.
		expect(waits.split('\r\n')[1]).toBe(`"'=HYPERLINK(""x"")",Blocker,1,0,1.5,1.5`);
	});
});
