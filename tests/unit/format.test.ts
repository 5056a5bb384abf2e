import { describe, expect, it } from 'vitest';
import { daysBetween, shopFormat } from '../../src/lib/words/format';

const us = shopFormat({ locale: 'en-US', timeZone: 'America/New_York', currency: 'USD' });
const uk = shopFormat({ locale: 'en-GB', timeZone: 'Europe/London', currency: 'GBP' });
const de = shopFormat({ locale: 'de-DE', timeZone: 'Europe/Berlin', currency: 'EUR' });

describe("a calendar date, in the shop's locale", () => {
	const today = '2025-12-10';

	it('reads the same date as each locale writes it', () => {
		expect(us.day('2025-12-12', today)).toBe('Fri, Dec 12');
		expect(uk.day('2025-12-12', today)).toBe('Fri 12 Dec');
		expect(de.day('2025-12-12', today)).toBe('Fr., 12. Dez.');
	});

	it('says the year only when it is not this one, and a dash for none', () => {
		expect(us.day('2026-01-15', today)).toBe('Thu, Jan 15, 2026');
		expect(uk.day('2026-01-15', today)).toBe('Thu, 15 Jan 2026');
		expect(us.day(null)).toBe('—');
	});

	it('is never moved a day by a time zone', () => {
		const tokyo = shopFormat({ locale: 'en-US', timeZone: 'Asia/Tokyo', currency: 'JPY' });
		const honolulu = shopFormat({ locale: 'en-US', timeZone: 'Pacific/Honolulu', currency: 'USD' });
		expect(tokyo.day('2025-12-12')).toBe(honolulu.day('2025-12-12'));
	});

	it('writes the long, short and partial forms', () => {
		expect(us.longDay('2025-12-12', today)).toBe('Friday, December 12');
		expect(us.longDay('2027-01-08', today)).toBe('Friday, January 8, 2027');
		expect(uk.longDay('2025-12-12', today)).toBe('Friday 12 December');
		expect(us.date('2025-12-12')).toBe('Dec 12, 2025');
		expect(uk.date('2025-12-12')).toBe('12 Dec 2025');
		expect(us.month('2025-12-12')).toBe('Dec');
		expect(us.weekday('2025-12-12')).toBe('Fri');
	});

	it('counts whole days between dates, across a year end', () => {
		expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3);
		expect(daysBetween('2026-03-01', '2026-02-28')).toBe(-1);
	});
});

describe('a due date in words', () => {
	const friday = '2026-11-27';

	it.each([
		[null, 'No due date'],
		['2026-11-26', 'Overdue 1 day'],
		['2026-11-25', 'Overdue 2 days'],
		['2026-11-27', 'Due today'],
		['2026-11-28', 'Due tomorrow'],
		['2026-12-01', 'Due Tue'],
		['2027-01-15', 'Due Jan 15, 2027'],
		['2026-12-14', 'Due Dec 14']
	])('%s is "%s" in en-US', (dueDate, words) => expect(us.due(dueDate, friday)).toBe(words));

	it("names the day in the shop's language", () => {
		expect(uk.due('2026-12-14', friday)).toBe('Due 14 Dec');
		expect(de.due('2026-12-01', friday)).toBe('Due Di');
	});
});

describe('a moment, in the shop’s time zone', () => {
	const now = new Date('2025-12-10T15:00:00Z'); // Wednesday

	it('tells the time as the locale does', () => {
		expect(us.time('2025-12-09T19:02:00Z')).toBe('2:02 PM');
		expect(uk.time('2025-12-09T14:02:00Z')).toBe('14:02');
	});

	it('says a moment of the last week by its weekday', () => {
		expect(us.when('2025-12-09T19:02:00Z', now)).toBe('Tue 2:02 PM');
		expect(uk.when('2025-12-09T14:02:00Z', now)).toBe('Tue 14:02');
	});

	it('names the day of an older moment, and the year of last year’s', () => {
		expect(us.when('2025-11-28T14:05:00Z', now)).toBe('Fri, Nov 28 9:05 AM');
		expect(us.when('2024-11-28T14:05:00Z', now)).toBe('Thu, Nov 28, 2024 9:05 AM');
		expect(uk.when('2025-11-28T09:05:00Z', now)).toBe('Fri 28 Nov 9:05');
	});

	it('puts a moment near midnight on the day it was where the shop is', () => {
		// 04:30 UTC on Tuesday is still Monday evening in New York.
		const lateMonday = '2025-12-09T04:30:00Z';
		expect(us.dayOf(lateMonday)).toBe('2025-12-08');
		expect(uk.dayOf(lateMonday)).toBe('2025-12-09');
		expect(us.moment(lateMonday)).toBe('Dec 8, 2025, 11:30 PM');
		expect(uk.moment(lateMonday)).toBe('9 Dec 2025, 4:30');
		expect(us.when(lateMonday, now)).toBe('Mon 11:30 PM');
		expect(uk.when(lateMonday, now)).toBe('Tue 4:30');
	});

	it('writes YYYY-MM-DD in western digits even where the locale does not', () => {
		const cairo = shopFormat({ locale: 'ar-EG', timeZone: 'Africa/Cairo', currency: 'EGP' });
		const bangkok = shopFormat({ locale: 'th-TH', timeZone: 'Asia/Bangkok', currency: 'THB' });
		expect(cairo.dayOf('2025-12-09T12:00:00Z')).toBe('2025-12-09');
		expect(bangkok.dayOf('2025-12-09T12:00:00Z')).toBe('2025-12-09');
	});

	it('gives the whole moment for hover and paper', () => {
		expect(us.fullMoment('2025-10-14T18:02:00Z')).toBe('Tuesday, October 14, 2025 at 2:02 PM');
	});
});

describe("money, in the shop's currency", () => {
	it('writes dollars with cents', () => {
		expect(us.money.format(125_050)).toBe('$1,250.50');
		expect(us.amount(125_050)).toBe('$1,250.50');
		expect(us.money.parse('1,250.50')).toBe(125_050);
	});

	it('has no minor unit for the yen', () => {
		const yen = shopFormat({ locale: 'en-US', timeZone: 'Asia/Tokyo', currency: 'JPY' });
		expect(yen.money.digits).toBe(0);
		expect(yen.amount(1500)).toBe('¥1,500');
		expect(yen.money.parse('1,500')).toBe(1500);
		expect(yen.money.parse('1500.5')).toBeNull();
	});

	it('reads a German amount the German way', () => {
		expect(de.money.parse('1.250,50')).toBe(125_050);
		expect(de.money.parse('12.50')).toBeNull();
		expect(de.money.example).toBe('1.250,00');
	});

	it('has three digits for the Kuwaiti dinar', () => {
		const kwd = shopFormat({ locale: 'en-US', timeZone: 'Asia/Kuwait', currency: 'KWD' });
		expect(kwd.money.digits).toBe(3);
		expect(kwd.money.parse('1,250.125')).toBe(1_250_125);
		expect(kwd.money.text(1_250_125)).toBe('1250.125');
		expect(kwd.amount(1_250_125)).toMatch(/1,250\.125/);
	});

	it('keeps one format per shop settings', () => {
		expect(shopFormat({ locale: 'en-US', timeZone: 'America/New_York', currency: 'USD' })).toBe(us);
	});
});
