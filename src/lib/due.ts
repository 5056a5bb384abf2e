/** How urgent a due date is, seen from today in the shop's time zone. */
export type DueBucket = 'none' | 'overdue' | 'today' | 'this_week' | 'later';

// Building a formatter costs about 80 times as much as using one, and aging asks for the date of
// every card on the board: one formatter per time zone is kept.
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** Today's calendar date (YYYY-MM-DD) in a time zone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
	let format = dateFormats.get(timeZone);
	if (!format) {
		// en-CA formats as YYYY-MM-DD.
		format = new Intl.DateTimeFormat('en-CA', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit'
		});
		dateFormats.set(timeZone, format);
	}
	return format.format(now);
}

function dayNumber(isoDate: string): number {
	const [y, m, d] = isoDate.split('-').map(Number);
	return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}

/** Whole days from `today` to `dueDate`; negative when overdue. */
export function daysUntil(dueDate: string, today: string): number {
	return dayNumber(dueDate) - dayNumber(today);
}

/** "This week" runs to the end of Sunday, the shop's usual week. */
export function dueBucket(dueDate: string | null, today: string): DueBucket {
	if (!dueDate) return 'none';
	const days = daysUntil(dueDate, today);
	if (days < 0) return 'overdue';
	if (days === 0) return 'today';
	const weekday = new Date(dayNumber(today) * 86_400_000).getUTCDay(); // 0 = Sunday
	const daysLeftInWeek = weekday === 0 ? 0 : 7 - weekday;
	return days <= daysLeftInWeek ? 'this_week' : 'later';
}

/** How a card's date reads: its due bucket, or `waiting` once the piece is ready for pickup. */
export type DueState = DueBucket | 'waiting';

/**
 * A finished piece waiting for its customer is not late work, whatever its due date said: the
 * shop did its part. It reads as waiting, and no late count or "Overdue" filter takes it.
 */
export function dueState(
	order: { stage?: string; dueDate: string | null },
	today: string
): DueState {
	return order.stage === 'ready' ? 'waiting' : dueBucket(order.dueDate, today);
}

/** Late work: due before today and not yet finished. */
export const isLate = (order: { stage?: string; dueDate: string | null }, today: string) =>
	dueState(order, today) === 'overdue';
