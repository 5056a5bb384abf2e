/**
 * Money is an integer count of the currency's minor unit everywhere (cents for USD and EUR, yen for
 * JPY, which has none, fils for KWD, which has three); this turns it into words and back without
 * floats, in the shop's currency and locale.
 */
export class MoneyFormat {
	/** Digits after the decimal separator: 2 for USD, 0 for JPY, 3 for KWD. */
	readonly digits: number;
	/** How the locale writes 1,234.5: "," and "." in en-US, "." and "," in de-DE. */
	readonly group: string;
	readonly decimal: string;
	readonly #format: Intl.NumberFormat;

	constructor(
		readonly currency: string,
		readonly locale: string
	) {
		this.#format = new Intl.NumberFormat(locale, { style: 'currency', currency });
		this.digits = this.#format.resolvedOptions().maximumFractionDigits ?? 2;
		const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
		this.group = parts.find((part) => part.type === 'group')?.value ?? ',';
		this.decimal = parts.find((part) => part.type === 'decimal')?.value ?? '.';
	}

	/** 125050 in USD, en-US → "$1,250.50"; 1500 in JPY, ja-JP → "￥1,500". */
	format(minor: number): string {
		// Dividing only for display is exact enough: the formatter rounds to the currency's digits.
		return this.#format.format(minor / 10 ** this.digits);
	}

	/** 125050 → "1250.50" (de-DE: "1250,50"): what an amount field shows when it is edited. */
	text(minor: number | null): string {
		if (minor === null) return '';
		if (this.digits === 0) return String(minor);
		const scale = 10 ** this.digits;
		const whole = Math.trunc(minor / scale);
		const rest = String(Math.abs(minor % scale)).padStart(this.digits, '0');
		return `${whole}${this.decimal}${rest}`;
	}

	/** An amount as the locale writes it: "1,250.00", "1250", "$1 250.5" (en-US). */
	get example(): string {
		return this.digits === 0
			? `1${this.group}250`
			: `1${this.group}250${this.decimal}${'0'.repeat(this.digits)}`;
	}

	/**
	 * "1,250.00", "1250", "$ 1,250.5" → 125050 (en-US, USD). Null when the text is not an amount:
	 * group separators may only group thousands, so "12,50" (twelve and a half, written the
	 * European way) never silently becomes 1,250.00 on an en-US quote; and no more decimals than the
	 * currency has (12.5 yen is not an amount).
	 */
	parse(text: string): number | null {
		const cleaned = text.replace(/[\s$€£¥￥'\u00a0\u202f]/g, '').replace(/^[A-Z]{3}/i, '');
		const decimalAt = this.digits > 0 ? cleaned.lastIndexOf(this.decimal) : -1;
		const whole = decimalAt >= 0 ? cleaned.slice(0, decimalAt) : cleaned;
		const fraction = decimalAt >= 0 ? cleaned.slice(decimalAt + 1) : '';
		const group = this.group.replace(/[\s\u00a0\u202f]/g, '');
		const grouped = group && whole.includes(group);
		const thousands = new RegExp(`^\\d{1,3}(${escape(group)}\\d{3})+$`);
		if (grouped && !thousands.test(whole)) return null;
		const digits = grouped ? whole.split(group).join('') : whole;
		if (!/^\d{1,12}$/.test(digits) || !new RegExp(`^\\d{0,${this.digits}}$`).test(fraction))
			return null;
		// Whole units and the minor part are read as separate integers: 0.1 + 0.2 never happens here.
		const minor = Number(digits) * 10 ** this.digits + Number(fraction.padEnd(this.digits, '0'));
		return Number.isSafeInteger(minor) ? minor : null;
	}
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const formats = new Map<string, MoneyFormat>();

/** One MoneyFormat per currency and locale: building a formatter costs far more than using it. */
export function moneyFormat(currency: string, locale = 'en-US'): MoneyFormat {
	const key = `${currency}|${locale}`;
	let format = formats.get(key);
	if (!format) {
		format = new MoneyFormat(currency, locale);
		formats.set(key, format);
	}
	return format;
}
