import { moneyFormat, type MoneyFormat } from '../money';

/** What every date, time and amount is written with: the shop's locale, time zone and currency. */
export interface FormatSettings {
	locale: string;
	timeZone: string;
	currency: string;
}

const DAY_MS = 86_400_000;

/** Calendar dates (YYYY-MM-DD) are read at UTC noon and shown in UTC: no time zone moves them. */
const dateOf = (isoDate: string) => new Date(`${isoDate}T12:00:00Z`);

function dayNumber(isoDate: string): number {
	const [y, m, d] = isoDate.split('-').map(Number);
	return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

/** Whole days from `today` to `date` (YYYY-MM-DD); negative when it is past. */
export const daysBetween = (today: string, date: string) => dayNumber(date) - dayNumber(today);

/**
 * The one place dates, times and amounts become words, for every screen, printout and message:
 * the board says "Due Jan 15" where the order page says "Fri, Jan 15" and the history "Fri, Jan 15
 * 2:05 PM", all in the shop's locale and time zone. Formatters are built once per format.
 */
export class ShopFormat {
	readonly money: MoneyFormat;
	readonly #formats = new Map<string, Intl.DateTimeFormat>();

	constructor(readonly settings: FormatSettings) {
		this.money = moneyFormat(settings.currency, settings.locale);
	}

	#format(key: string, options: Intl.DateTimeFormatOptions, inShop: boolean) {
		let format = this.#formats.get(key);
		if (!format) {
			format = new Intl.DateTimeFormat(this.settings.locale, {
				...options,
				timeZone: inShop ? this.settings.timeZone : 'UTC'
			});
			this.#formats.set(key, format);
		}
		return format;
	}

	/** An amount of money in minor units, in the shop's currency: 125050 → "$1,250.50". */
	amount(minor: number): string {
		return this.money.format(minor);
	}

	/** A calendar date: "Fri, Dec 12", with the year only when it is not this year's. */
	day(isoDate: string | null, today?: string): string {
		if (!isoDate) return '—';
		const sameYear = !today || isoDate.slice(0, 4) === today.slice(0, 4);
		return this.#format(
			sameYear ? 'day' : 'day-year',
			{
				weekday: 'short',
				day: 'numeric',
				month: 'short',
				...(sameYear ? {} : { year: 'numeric' })
			},
			false
		).format(dateOf(isoDate));
	}

	/** A calendar date in full, for a customer: "Friday, December 12" (the year when not this one's). */
	longDay(isoDate: string, today?: string): string {
		const sameYear = !!today && isoDate.slice(0, 4) === today.slice(0, 4);
		return this.#format(
			sameYear ? 'long' : 'long-year',
			{ weekday: 'long', day: 'numeric', month: 'long', ...(sameYear ? {} : { year: 'numeric' }) },
			false
		).format(dateOf(isoDate));
	}

	/** A calendar date without its weekday: "Dec 12, 2025". */
	date(isoDate: string): string {
		return this.#format('date', { day: 'numeric', month: 'short', year: 'numeric' }, false).format(
			dateOf(isoDate)
		);
	}

	/** A calendar date's weekday, short: "Fri". */
	weekday(isoDate: string): string {
		return this.#format('weekday', { weekday: 'short' }, false).format(dateOf(isoDate));
	}

	/** A month's short name, for a calendar: "Dec". */
	month(isoDate: string): string {
		return this.#format('month', { month: 'short' }, false).format(dateOf(isoDate));
	}

	/** The time of a moment in the shop: "2:05 PM" (en-US), "14:05" (en-GB). */
	time(moment: string | Date): string {
		return this.#format('time', { hour: 'numeric', minute: '2-digit' }, true).format(
			new Date(moment)
		);
	}

	/** The calendar day a moment fell on in the shop (YYYY-MM-DD), for comparing days. */
	dayOf(moment: string | Date): string {
		// Western digits and the Gregorian calendar whatever the locale: this is for comparing, and
		// th-TH would otherwise count years from the Buddha, ar-EG write them in Arabic-Indic digits.
		const parts = this.#format(
			'iso',
			{
				year: 'numeric',
				month: '2-digit',
				day: '2-digit',
				calendar: 'gregory',
				numberingSystem: 'latn'
			},
			true
		).formatToParts(new Date(moment));
		const part = (type: string) => parts.find((one) => one.type === type)?.value ?? '';
		return `${part('year')}-${part('month')}-${part('day')}`;
	}

	/** A moment that may not have happened (a last sign-in): "—" until it has. */
	momentOrDash(moment: string | Date | null): string {
		return moment ? this.moment(moment) : '—';
	}

	/** A moment with its day: "Dec 12, 2025, 2:05 PM". */
	moment(moment: string | Date): string {
		return this.#format(
			'moment',
			{ day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit' },
			true
		).format(new Date(moment));
	}

	/** A moment in full, for a tooltip and for paper: "Tuesday, October 14, 2025 at 2:02 PM". */
	fullMoment(moment: string | Date): string {
		return this.#format(
			'full',
			{
				weekday: 'long',
				day: 'numeric',
				month: 'long',
				year: 'numeric',
				hour: 'numeric',
				minute: '2-digit'
			},
			true
		).format(new Date(moment));
	}

	/**
	 * A recent moment, short: "Tue 2:05 PM" within the last week; older ones name the day ("Fri, Dec
	 * 12 2:05 PM"), since a weekday alone would be read as this week's.
	 */
	when(moment: string | Date, now: Date = new Date()): string {
		return this.whenOn(moment, this.dayOf(now));
	}

	/** `when`, seen from a given day in the shop (YYYY-MM-DD). */
	whenOn(moment: string | Date, today: string): string {
		const day = this.dayOf(moment);
		const daysAgo = daysBetween(day, today);
		const time = this.time(moment);
		if (daysAgo >= 0 && daysAgo < 7) return `${this.weekday(day)} ${time}`;
		return `${this.day(day, today)} ${time}`;
	}

	/**
	 * How a card's date reads: its due date in words, or for a finished piece how long it has
	 * waited for its customer ("Waiting since Tue"): it is done, not late.
	 */
	dueOf(
		order: { stage: string; dueDate: string | null; stageEnteredAt: string },
		today: string
	): string {
		if (order.stage !== 'ready') return this.due(order.dueDate, today);
		const since = this.dayOf(order.stageEnteredAt);
		const days = daysBetween(since, today);
		if (days <= 0) return 'Waiting since today';
		if (days < 7) return `Waiting since ${this.weekday(since)}`;
		return `Waiting since ${this.day(since, today)}`;
	}

	/** A due date in words, so urgency never rests on colour alone: "Overdue 2 days", "Due Fri". */
	due(dueDate: string | null, today: string): string {
		if (!dueDate) return 'No due date';
		const days = daysBetween(today, dueDate);
		if (days < 0) return days === -1 ? 'Overdue 1 day' : `Overdue ${-days} days`;
		if (days === 0) return 'Due today';
		if (days === 1) return 'Due tomorrow';
		if (days < 7) return `Due ${this.weekday(dueDate)}`;
		const sameYear = dueDate.slice(0, 4) === today.slice(0, 4);
		const words = this.#format(
			sameYear ? 'month-day' : 'month-day-year',
			{ month: 'short', day: 'numeric', ...(sameYear ? {} : { year: 'numeric' }) },
			false
		).format(dateOf(dueDate));
		return `Due ${words}`;
	}
}

const formats = new Map<string, ShopFormat>();

/** One ShopFormat per locale, time zone and currency. */
export function shopFormat(settings: FormatSettings): ShopFormat {
	const key = `${settings.locale}|${settings.timeZone}|${settings.currency}`;
	let format = formats.get(key);
	if (!format) {
		format = new ShopFormat({ ...settings });
		formats.set(key, format);
	}
	return format;
}
