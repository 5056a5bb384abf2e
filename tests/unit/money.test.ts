import { describe, expect, it } from 'vitest';
import { amountText, formatMoney, parseAmount } from '../../src/lib/money';

describe('an amount typed at the counter', () => {
	it.each([
		['1,250.00', 125_000],
		['1250', 125_000],
		['$ 1,250.5', 125_050],
		['0.10', 10],
		['0.29', 29], // 0.29 * 100 is 28.999… in floating point: read as integers, never as a float
		['1,234,567.89', 123_456_789],
		['4800.', 480_000]
	])('%s is %i cents', (text, cents) => expect(parseAmount(text)).toBe(cents));

	it.each(['12,50', '1,25', '1,2345', '12.345', '-5', 'ten', '', '1.2.3', ',100'])(
		'%s is refused rather than guessed',
		(text) => expect(parseAmount(text)).toBeNull()
	);

	it('shows cents back as the amount to edit, and in the shop’s currency', () => {
		expect(amountText(125_050)).toBe('1250.50');
		expect(amountText(5)).toBe('0.05');
		expect(formatMoney(125_050, 'USD')).toBe('$1,250.50');
	});
});
