/** Money is integer cents everywhere; these turn it into words and back without floats. */

/** "1,250.00", "1250", "$1 250.5" → 125050. Null when the text is not an amount. */
export function parseAmount(text: string): number | null {
	const cleaned = text.replace(/[\s$€£¥'\u00a0\u202f]/g, '');
	// Commas may only group thousands: "12,50" (twelve and a half, written the European way) must
	// not silently become 1,250.00 on a quote.
	if (cleaned.includes(',') && !/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(cleaned)) return null;
	const match = /^(\d{1,12})(?:\.(\d{0,2}))?$/.exec(cleaned.replaceAll(',', ''));
	if (!match) return null;
	// Whole units and cents are read as separate integers: 0.1 + 0.2 never happens here.
	const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
	return Number.isSafeInteger(cents) ? cents : null;
}

/** 125050 → "1250.50": what an amount field shows when it is edited. */
export function amountText(cents: number | null): string {
	if (cents === null) return '';
	const whole = Math.trunc(cents / 100);
	const rest = String(Math.abs(cents % 100)).padStart(2, '0');
	return `${whole}.${rest}`;
}

const formats = new Map<string, Intl.NumberFormat>();

/** 125050 in USD → "$1,250.50". */
export function formatMoney(cents: number, currency: string): string {
	let format = formats.get(currency);
	if (!format) {
		format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
		formats.set(currency, format);
	}
	// Dividing by 100 only for display is exact enough: the formatter rounds to 2 decimals.
	return format.format(cents / 100);
}
