/**
 * Business days between two instants in the shop's time zone: Saturdays and Sundays do not count,
 * the rest counts by the hour (Friday 17:00 to Monday 09:00 is 16 hours, 2/3 of a day). The same
 * rule as SQL's business_days (migrations/0018_stage_visits.sql), which the charts use.
 */
export function businessDays(started: Date, ended: Date, timeZone: string): number {
	return (
		(weekdaySeconds(localClock(ended, timeZone)) - weekdaySeconds(localClock(started, timeZone))) /
		86400
	);
}

const MONDAY = Date.UTC(2000, 0, 3);

/** Weekday seconds from Monday 2000-01-03 to a wall-clock time (given as if it were UTC). */
function weekdaySeconds(local: number): number {
	const days = Math.floor((local - MONDAY) / 86_400_000);
	const seconds = (local - MONDAY - days * 86_400_000) / 1000;
	const weeks = Math.floor(days / 7);
	const rest = days - weeks * 7;
	return weeks * 5 * 86400 + Math.min(rest, 5) * 86400 + (rest < 5 ? seconds : 0);
}

/** The wall-clock reading of an instant in a time zone, as milliseconds of a UTC date. */
function localClock(instant: Date, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit'
	}).formatToParts(instant);
	const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
	return (
		Date.UTC(
			part('year'),
			part('month') - 1,
			part('day'),
			part('hour'),
			part('minute'),
			part('second')
		) + instant.getUTCMilliseconds()
	);
}
