import type { MoneyFormat } from './money';
import { cents as centsSchema } from './validation/fields';

/**
 * A typed price, read for the order form in the shop's way of writing amounts. Group separators
 * must group thousands: "12,50" on an en-US shop is someone writing twelve and a half the European
 * way, and silently reading it as 1,250.00 would be a costly quote.
 */
export function readPrice(
	text: string,
	money: MoneyFormat
): { cents: number | null } | { error: string } {
	const trimmed = text.trim();
	if (!trimmed) return { cents: null };
	const cents = money.parse(trimmed);
	if (cents === null) return { error: `must be an amount like ${money.example}` };
	// The server's own rule for an amount, so the two can never disagree.
	const checked = centsSchema.safeParse(cents);
	if (!checked.success) return { error: checked.error.issues[0]?.message ?? 'is not an amount' };
	return { cents };
}
