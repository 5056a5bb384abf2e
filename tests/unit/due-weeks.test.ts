import { describe, expect, it } from 'vitest';
import { todayIn } from '../../src/lib/due';
import { dueCalendar, groupByDueWeek, mondayOf, weekRange } from '../../src/lib/due-weeks';
import { shopFormat } from '../../src/lib/words/format';

const usd = shopFormat({ locale: 'en-US', timeZone: 'America/New_York', currency: 'USD' });

const order = (number: string, dueDate: string | null) => ({ number, dueDate });
const numbers = (orders: { number: string }[]) => orders.map((o) => o.number);

describe('weeks run Monday to Sunday', () => {
	it('finds the Monday of any day of the week', () => {
		expect(mondayOf('2026-11-30')).toBe('2026-11-30'); // a Monday
		expect(mondayOf('2026-12-03')).toBe('2026-11-30');
		expect(mondayOf('2026-12-06')).toBe('2026-11-30'); // its Sunday
		expect(mondayOf('2027-01-01')).toBe('2026-12-28'); // across the year end
	});

	it('writes a week as the shop reads it, with the year only when it is not this one', () => {
		expect(weekRange('2026-11-30', '2026-11-27', usd)).toBe('Mon, Nov 30 – Sun, Dec 6');
		expect(weekRange('2026-12-28', '2026-11-27', usd)).toBe('Mon, Dec 28 – Sun, Jan 3, 2027');
		const london = shopFormat({ locale: 'en-GB', timeZone: 'Europe/London', currency: 'GBP' });
		expect(weekRange('2026-11-30', '2026-11-27', london)).toBe('Mon 30 Nov – Sun 6 Dec');
	});
});

describe('grouping by due week', () => {
	const friday = '2026-11-27';
	const orders = [
		order('BB-1010', null),
		order('BB-1009', '2027-01-04'),
		order('BB-1008', '2026-12-14'),
		order('BB-1007', '2026-12-06'),
		order('BB-1006', '2026-11-30'),
		order('BB-1005', '2026-11-29'),
		order('BB-1004', '2026-11-27'),
		order('BB-1003', '2026-11-26'),
		order('BB-1002', '2026-11-20'),
		order('BB-100', '2026-11-20')
	];

	it('puts overdue first, then this week, next week, later weeks by date, and no due date last', () => {
		const groups = groupByDueWeek(orders, friday, usd);
		expect(groups.map((g) => [g.title, g.range, numbers(g.orders)])).toEqual([
			['Overdue', null, ['BB-100', 'BB-1002', 'BB-1003']],
			['This week', 'Mon, Nov 23 – Sun, Nov 29', ['BB-1004', 'BB-1005']],
			['Next week', 'Mon, Nov 30 – Sun, Dec 6', ['BB-1006', 'BB-1007']],
			['Mon, Dec 14 – Sun, Dec 20', null, ['BB-1008']],
			['Mon, Jan 4, 2027 – Sun, Jan 10, 2027', null, ['BB-1009']],
			['No due date', null, ['BB-1010']]
		]);
	});

	it('holds each order exactly once', () => {
		const shown = groupByDueWeek(orders, friday, usd).flatMap((g) => numbers(g.orders));
		expect(shown.sort()).toEqual(numbers(orders).sort());
	});

	it('on a Sunday, this week is only today and Monday starts next week', () => {
		const groups = groupByDueWeek(orders, '2026-11-29', usd);
		expect(numbers(groups[0].orders)).toEqual(['BB-100', 'BB-1002', 'BB-1003', 'BB-1004']);
		expect(groups[1].range).toBe('Mon, Nov 23 – Sun, Nov 29');
		expect(numbers(groups[1].orders)).toEqual(['BB-1005']);
		expect(numbers(groups[2].orders)).toEqual(['BB-1006', 'BB-1007']);
	});

	it('on a Monday, a new week begins and yesterday is overdue', () => {
		const groups = groupByDueWeek(orders, '2026-11-30', usd);
		expect(numbers(groups[0].orders)).toContain('BB-1005');
		expect(groups[1].range).toBe('Mon, Nov 30 – Sun, Dec 6');
		expect(numbers(groups[1].orders)).toEqual(['BB-1006', 'BB-1007']);
		expect(groups[2].range).toBe('Mon, Dec 7 – Sun, Dec 13');
		expect(groups[2].orders).toEqual([]);
		expect(groups[3].title).toBe('Mon, Dec 14 – Sun, Dec 20');
	});

	it("turns the week at the shop's midnight, not the server's", () => {
		// 23:30 on Sunday 29 Nov in New York is already Monday in UTC.
		const now = new Date('2026-11-30T04:30:00Z');
		const inShop = groupByDueWeek(orders, todayIn('America/New_York', now), usd);
		const inUtc = groupByDueWeek(orders, todayIn('UTC', now), usd);
		expect(numbers(inShop[1].orders)).toEqual(['BB-1005']);
		expect(numbers(inUtc[1].orders)).toEqual(['BB-1006', 'BB-1007']);
	});

	it('keeps overdue, this week and next week even when empty, and drops an empty no-due-date', () => {
		const groups = groupByDueWeek([order('BB-1', '2027-02-01')], friday, usd);
		expect(groups.map((g) => [g.kind, g.orders.length])).toEqual([
			['overdue', 0],
			['this_week', 0],
			['next_week', 0],
			['week', 1]
		]);
	});
});

describe('the due calendar', () => {
	const friday = '2026-11-27';

	it('shows four weeks from this Monday, today marked, overdue set apart', () => {
		const calendar = dueCalendar(
			[
				order('BB-3', '2026-11-26'),
				order('BB-4', '2026-11-27'),
				order('BB-5', '2026-12-20'),
				order('BB-6', '2026-12-21'),
				order('BB-7', null)
			],
			friday
		);
		expect(calendar.weeks).toHaveLength(4);
		expect(calendar.weeks[0][0].date).toBe('2026-11-23');
		expect(calendar.weeks[3][6].date).toBe('2026-12-20');
		expect(numbers(calendar.overdue)).toEqual(['BB-3']);
		const today = calendar.weeks[0][4];
		expect([today.date, today.isToday, numbers(today.orders)]).toEqual([friday, true, ['BB-4']]);
		expect(calendar.weeks[0][3]).toMatchObject({ isPast: true, orders: [] });
		expect(numbers(calendar.weeks[3][6].orders)).toEqual(['BB-5']);
		expect([calendar.later, calendar.undated]).toEqual([1, 1]);
	});

	it('keeps finished pieces off the calendar and out of overdue, counted apart', () => {
		const calendar = dueCalendar(
			[{ ...order('BB-8', '2026-11-20'), stage: 'ready' }, order('BB-9', '2026-11-20')],
			friday
		);
		expect(numbers(calendar.overdue)).toEqual(['BB-9']);
		expect(calendar.waiting).toBe(1);
	});
});

describe('a finished piece in the due list', () => {
	it('is in "Waiting for pickup", not "Overdue", whatever it was due', () => {
		const groups = groupByDueWeek(
			[
				{ ...order('BB-1', '2026-11-20'), stage: 'ready' },
				order('BB-2', '2026-11-20'),
				{ ...order('BB-3', null), stage: 'ready' }
			],
			'2026-11-27',
			usd
		);
		expect(groups.map((group) => [group.kind, numbers(group.orders)])).toEqual([
			['overdue', ['BB-2']],
			['this_week', []],
			['next_week', []],
			['waiting', ['BB-1', 'BB-3']]
		]);
	});
});
