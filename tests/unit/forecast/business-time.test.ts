import { describe, expect, it } from 'vitest';
import {
	businessClock,
	businessDate,
	businessDayIndex,
	businessDaysBetween,
	endOfDate
} from '../../../src/lib/business-time';

describe('the business clock (Monday to Saturday in the shop’s time zone)', () => {
	it('counts Saturday to Monday as one business day, Sunday as nothing', () => {
		expect(businessDayIndex('2026-12-14') - businessDayIndex('2026-12-12')).toBe(1);
		expect(businessDayIndex('2026-12-13')).toBe(businessDayIndex('2026-12-14'));
		expect(businessDayIndex('2026-12-21') - businessDayIndex('2026-12-14')).toBe(6);
	});

	it('gives back the calendar date of a point on the clock, never a Sunday', () => {
		const saturday = businessDayIndex('2026-12-12');
		expect(businessDate(saturday + 0.99)).toBe('2026-12-12');
		expect(businessDate(saturday + 1)).toBe('2026-12-14');
		expect(businessDate(businessDayIndex('1969-12-27') + 0.5)).toBe('1969-12-27');
	});

	it('ends a Saturday due date when Saturday ends, and a Sunday one at the same point', () => {
		expect(endOfDate('2026-12-12')).toBe(businessDayIndex('2026-12-14'));
		expect(endOfDate('2026-12-13')).toBe(businessDayIndex('2026-12-14'));
	});

	it('counts Saturday 10:00 to Monday 10:00 as one day across New York’s spring DST change', () => {
		// 2026-03-08 (a Sunday) clocks go forward: 15:00Z is 10:00 EST, 14:00Z is 10:00 EDT.
		const days = businessDaysBetween(
			'2026-03-07T15:00:00Z',
			'2026-03-09T14:00:00Z',
			'America/New_York'
		);
		expect(days).toBeCloseTo(1, 9);
	});

	it('counts a 23-hour weekday as a whole day (Jerusalem moves its clocks on a Friday)', () => {
		// 2026-03-27 02:00 becomes 03:00: Thursday 10:00 (UTC+2) to Friday 10:00 (UTC+3) is 23 hours.
		const days = businessDaysBetween(
			'2026-03-26T08:00:00Z',
			'2026-03-27T07:00:00Z',
			'Asia/Jerusalem'
		);
		expect(days).toBeCloseTo(1, 9);
	});

	it('reads the time in the shop’s zone, not the server’s', () => {
		// 03:00Z on a Monday is still Sunday evening in Los Angeles: the start of Monday there.
		const clock = businessClock('2026-12-14T03:00:00Z', 'America/Los_Angeles');
		expect(clock).toBe(businessDayIndex('2026-12-14'));
		expect(businessClock('2026-12-14T03:00:00Z', 'Europe/Paris')).toBeCloseTo(
			businessDayIndex('2026-12-14') + 4 / 24,
			9
		);
	});
});
