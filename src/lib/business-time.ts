/**
 * The shop's working clock, counted in business days: Monday to Saturday in the shop's time zone.
 * The settings hold no opening hours, and a piece sits at the bench whatever the counter's hours
 * are, so a business day is the whole local calendar day and Sunday does not count. The one rule
 * for the forecast, the Insights charts (SQL's business_days, migrations/0021_visit_days.sql,
 * says the same) and the demo history's working days.
 *
 * A moment's place on this clock is the index of its local day plus the local wall-clock time as a
 * share of 24 hours. Reading the wall clock (not elapsed seconds) makes a day that a DST change
 * shortens or lengthens count as one day all the same, so "entered Saturday 10:00, left Monday
 * 10:00" is exactly one business day in March as in July. A Sunday moment is the start of Monday.
 */

/** Days from 1970-01-01 (a Thursday) to the Monday 1969-12-29. */
const MONDAY_OFFSET = 3;
export const BUSINESS_DAYS_PER_WEEK = 6;

function dayNumber(isoDate: string): number {
	const [y, m, d] = isoDate.split('-').map(Number);
	return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}

function isoDateOf(day: number): string {
	return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** The business day a calendar date starts (a Sunday starts the Monday after it). */
export function businessDayIndex(isoDate: string): number {
	const days = dayNumber(isoDate) + MONDAY_OFFSET;
	const weeks = Math.floor(days / 7);
	const weekday = days - weeks * 7; // 0 = Monday ... 6 = Sunday
	return weeks * BUSINESS_DAYS_PER_WEEK + Math.min(weekday, BUSINESS_DAYS_PER_WEEK);
}

/** The calendar date of the business day a point on the clock falls in (never a Sunday). */
export function businessDate(clock: number): string {
	const index = Math.floor(clock);
	const weeks = Math.floor(index / BUSINESS_DAYS_PER_WEEK);
	const weekday = index - weeks * BUSINESS_DAYS_PER_WEEK;
	return isoDateOf(weeks * 7 + weekday - MONDAY_OFFSET);
}

/** The end of a calendar date on the clock: ready by then is ready "by" that date. */
export function endOfDate(isoDate: string): number {
	return businessDayIndex(isoDateOf(dayNumber(isoDate) + 1));
}

/** Monday to Saturday: a day (days since 1970-01-01) the shop works. */
export function isShopDay(day: number): boolean {
	const days = day + MONDAY_OFFSET;
	return days - Math.floor(days / 7) * 7 !== 6;
}

const wallClocks = new Map<string, Intl.DateTimeFormat>();

function wallClock(timeZone: string): Intl.DateTimeFormat {
	let format = wallClocks.get(timeZone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-CA', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
			hourCycle: 'h23'
		});
		wallClocks.set(timeZone, format);
	}
	return format;
}

/** Offsets change only on a quarter hour: one time-zone look-up per quarter hour and zone. */
const QUARTER_MS = 900_000;
const offsets = new Map<string, Map<number, number>>();

/** The time zone's offset from UTC (ms) during the quarter hour that begins at `quarter`. */
function offsetAt(quarter: number, timeZone: string): number {
	let byQuarter = offsets.get(timeZone);
	if (!byQuarter) offsets.set(timeZone, (byQuarter = new Map()));
	let offset = byQuarter.get(quarter);
	if (offset === undefined) {
		const at = quarter * QUARTER_MS;
		const parts: Record<string, number> = {};
		for (const part of wallClock(timeZone).formatToParts(at)) parts[part.type] = Number(part.value);
		offset =
			Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) - at;
		if (byQuarter.size > 100_000) byQuarter.clear();
		byQuarter.set(quarter, offset);
	}
	return offset;
}

/** A moment's local wall-clock reading, to the second, as milliseconds of a UTC date. */
export function localWallClock(moment: Date | string | number, timeZone: string): number {
	const ms = new Date(moment).getTime();
	return Math.floor(ms / 1000) * 1000 + offsetAt(Math.floor(ms / QUARTER_MS), timeZone);
}

/** A moment's place on the shop's business clock. */
export function businessClock(moment: Date | string | number, timeZone: string): number {
	const local = localWallClock(moment, timeZone);
	const day = Math.floor(local / 86_400_000);
	const days = day + MONDAY_OFFSET;
	const weeks = Math.floor(days / 7);
	const weekday = days - weeks * 7; // 0 = Monday ... 6 = Sunday
	// Sunday is already at the next Monday's start: nothing of it counts.
	if (weekday === 6) return (weeks + 1) * BUSINESS_DAYS_PER_WEEK;
	return weeks * BUSINESS_DAYS_PER_WEEK + weekday + (local - day * 86_400_000) / 86_400_000;
}

/** Business days between two moments (0 when `to` is not after `from`): the forecast's dwells. */
export function businessDaysBetween(
	from: Date | string,
	to: Date | string,
	timeZone: string
): number {
	return Math.max(0, businessClock(to, timeZone) - businessClock(from, timeZone));
}

/**
 * Business days from `started` to `ended` (negative when it ended first), as the Insights charts
 * count them: Friday 17:00 to Monday 09:00 is Saturday's whole day and 16 hours, 1 2/3 days.
 */
export function businessDays(started: Date, ended: Date, timeZone: string): number {
	return businessClock(ended, timeZone) - businessClock(started, timeZone);
}
