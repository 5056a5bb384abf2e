import { parseAmount } from './money';

/**
 * A typed price, read for the order form. Commas must group thousands: "12,50" is someone writing
 * twelve and a half the European way, and silently reading it as 1,250.00 would be a costly quote.
 */
export function readPrice(text: string): { cents: number | null } | { error: string } {
	const trimmed = text.trim();
	if (!trimmed) return { cents: null };
	if (/,(?!\d{3}(?:\D|$))/.test(trimmed)) return { error: 'must be an amount like 1,250.00' };
	const cents = parseAmount(trimmed);
	if (cents === null) return { error: 'must be an amount like 1,250.00' };
	if (cents > 100_000_000_000) return { error: 'is too large' };
	return { cents };
}
