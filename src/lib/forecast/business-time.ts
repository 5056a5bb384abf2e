/**
 * The shop's working clock, counted in business days: Monday to Saturday in the shop's time zone.
 * The settings hold no opening hours, and a piece sits at the bench whatever the counter's hours
 * are, so a business day is the whole local calendar day and Sunday does not count.
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

/** A moment's place on the shop's business clock. */
export function businessClock(moment: Date | string, timeZone: string): number {
	const parts: Record<string, string> = {};
	for (const part of wallClock(timeZone).formatToParts(new Date(moment))) {
		parts[part.type] = part.value;
	}
	const date = `${parts.year}-${parts.month}-${parts.day}`;
	const index = businessDayIndex(date);
	// Sunday is already at the next Monday's start: nothing of it counts.
	if (new Date(`${date}T00:00:00Z`).getUTCDay() === 0) return index;
	const seconds = Number(parts.hour) * 3600 + Number(parts.minute) * 60 + Number(parts.second);
	return index + seconds / 86_400;
}

/** Business days between two moments (0 when `to` is not after `from`). */
export function businessDaysBetween(
	from: Date | string,
	to: Date | string,
	timeZone: string
): number {
	return Math.max(0, businessClock(to, timeZone) - businessClock(from, timeZone));
}
