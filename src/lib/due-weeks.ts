import { daysUntil, dueState } from './due';
import type { ShopFormat } from './words/format';

/** What grouping needs of an order: its due date, its number (the tie-break) and its stage. */
export interface Dated {
	dueDate: string | null;
	number: string;
	/** A piece that is `ready` waits for its customer: it is counted apart, never as overdue. */
	stage?: string;
}

export type DueGroupKind = 'overdue' | 'this_week' | 'next_week' | 'week' | 'waiting' | 'none';

export interface DueGroup<T extends Dated> {
	/** Stable across renders: the kind, or the Monday of a later week. */
	key: string;
	kind: DueGroupKind;
	/** "Overdue", "This week", "Next week", "Mon, Dec 14 – Sun, Dec 20" or "No due date". */
	title: string;
	/** The week's dates, for "This week · Mon, Nov 30 – Sun, Dec 6"; null for the others. */
	range: string | null;
	orders: T[];
}

export interface CalendarDay<T extends Dated> {
	date: string;
	isToday: boolean;
	/** Before today: anything due then is in the overdue cell instead. */
	isPast: boolean;
	orders: T[];
}

export interface DueCalendar<T extends Dated> {
	overdue: T[];
	/** Monday to Sunday, this week first. */
	weeks: CalendarDay<T>[][];
	/** Due after the last week shown. */
	later: number;
	undated: number;
	/** Finished, waiting for their customers: not on the calendar, whatever they were due. */
	waiting: number;
}

const DAY_MS = 86_400_000;

function toDate(isoDate: string): Date {
	const [y, m, d] = isoDate.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d));
}

export function addDays(isoDate: string, days: number): string {
	return new Date(toDate(isoDate).getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday of the shop's week (Monday to Sunday) that holds this date. */
export function mondayOf(isoDate: string): string {
	const weekday = toDate(isoDate).getUTCDay(); // 0 = Sunday
	return addDays(isoDate, weekday === 0 ? -6 : 1 - weekday);
}

/** "Mon, Nov 30 – Sun, Dec 6" in the shop's locale, with the year only when it is not this year's. */
export function weekRange(monday: string, today: string, format: ShopFormat): string {
	return `${format.day(monday, today)} – ${format.day(addDays(monday, 6), today)}`;
}

/** Earliest due first; the same day in order-number order (BB-99 before BB-100). */
export function byDueDate(a: Dated, b: Dated): number {
	if (a.dueDate !== b.dueDate) {
		if (a.dueDate === null) return 1;
		if (b.dueDate === null) return -1;
		return a.dueDate < b.dueDate ? -1 : 1;
	}
	return a.number.localeCompare(b.number, 'en', { numeric: true });
}

/**
 * Open orders by the week they are due, overdue first; then the pieces waiting for pickup, and
 * undated last. Overdue, this week and
 * next week are always there (a manager reads "nothing overdue" as news); later weeks only when
 * something is due in them. `today` is the shop's date (`todayIn(timeZone)`), so the weeks turn
 * at the shop's midnight.
 */
export function groupByDueWeek<T extends Dated>(
	orders: readonly T[],
	today: string,
	format: ShopFormat
): DueGroup<T>[] {
	const thisMonday = mondayOf(today);
	const nextMonday = addDays(thisMonday, 7);
	const groups: DueGroup<T>[] = [
		{ key: 'overdue', kind: 'overdue', title: 'Overdue', range: null, orders: [] },
		{
			key: 'this_week',
			kind: 'this_week',
			title: 'This week',
			range: weekRange(thisMonday, today, format),
			orders: []
		},
		{
			key: 'next_week',
			kind: 'next_week',
			title: 'Next week',
			range: weekRange(nextMonday, today, format),
			orders: []
		}
	];
	const later = new Map<string, DueGroup<T>>();
	const undated: DueGroup<T> = {
		key: 'none',
		kind: 'none',
		title: 'No due date',
		range: null,
		orders: []
	};
	const waiting: DueGroup<T> = {
		key: 'waiting',
		kind: 'waiting',
		title: 'Waiting for pickup',
		range: null,
		orders: []
	};

	for (const order of [...orders].sort(byDueDate)) {
		const state = dueState(order, today);
		if (state === 'waiting') waiting.orders.push(order);
		else if (order.dueDate === null) undated.orders.push(order);
		else if (state === 'overdue') groups[0].orders.push(order);
		else if (order.dueDate < nextMonday) groups[1].orders.push(order);
		else if (order.dueDate < addDays(nextMonday, 7)) groups[2].orders.push(order);
		else {
			const monday = mondayOf(order.dueDate);
			let week = later.get(monday);
			if (!week) {
				week = {
					key: monday,
					kind: 'week',
					title: weekRange(monday, today, format),
					range: null,
					orders: []
				};
				later.set(monday, week);
			}
			week.orders.push(order);
		}
	}
	// Orders were sorted first, so later weeks were met, and added, in date order.
	return [
		...groups,
		...later.values(),
		...[waiting, undated].filter((group) => group.orders.length)
	];
}

/** `weeks` Monday-to-Sunday rows from this week on, with the overdue ones set apart. */
export function dueCalendar<T extends Dated>(
	orders: readonly T[],
	today: string,
	weeks = 4
): DueCalendar<T> {
	const first = mondayOf(today);
	const days: CalendarDay<T>[] = Array.from({ length: weeks * 7 }, (_, index) => {
		const date = addDays(first, index);
		return { date, isToday: date === today, isPast: date < today, orders: [] };
	});
	const calendar: DueCalendar<T> = { overdue: [], weeks: [], later: 0, undated: 0, waiting: 0 };
	for (const order of [...orders].sort(byDueDate)) {
		const state = dueState(order, today);
		if (state === 'waiting') calendar.waiting++;
		else if (order.dueDate === null) calendar.undated++;
		else if (state === 'overdue') calendar.overdue.push(order);
		else {
			const index = daysUntil(order.dueDate, first);
			if (index < days.length) days[index].orders.push(order);
			else calendar.later++;
		}
	}
	for (let week = 0; week < weeks; week++) calendar.weeks.push(days.slice(week * 7, week * 7 + 7));
	return calendar;
}
