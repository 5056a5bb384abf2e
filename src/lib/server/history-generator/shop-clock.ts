import { isShopDay, localWallClock } from '../../business-time';

/**
 * Wall-clock time in the shop's time zone for the history generator: events happen on the shop's
 * working days (src/lib/business-time.ts: Monday to Saturday) in opening hours, as the charts and
 * the forecast count them.
 */

/** The time zone's offset from UTC at an instant, in minutes. */
function offsetMinutes(instant: number, timeZone: string): number {
	return Math.round(
		(localWallClock(instant, timeZone) - Math.floor(instant / 1000) * 1000) / 60_000
	);
}

/** The instant at which the shop's clock reads `day` (days since 1970-01-01) plus `hours`. */
export function shopInstant(day: number, hours: number, timeZone: string): Date {
	const wall = day * 86_400_000 + hours * 3_600_000;
	const guess = wall - offsetMinutes(wall, timeZone) * 60_000;
	return new Date(wall - offsetMinutes(guess, timeZone) * 60_000);
}

/** The shop's calendar day (days since 1970-01-01) at an instant. */
export function shopDay(instant: Date, timeZone: string): number {
	return Math.floor(
		(instant.getTime() + offsetMinutes(instant.getTime(), timeZone) * 60_000) / 86_400_000
	);
}

/** `days` working days after `day` (a Sunday start counts from the Monday). */
export function addWorkingDays(day: number, days: number): number {
	let at = day;
	while (!isShopDay(at)) at++;
	let left = days;
	while (left > 0) {
		at++;
		if (isShopDay(at)) left--;
	}
	return at;
}

export const isoDay = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
