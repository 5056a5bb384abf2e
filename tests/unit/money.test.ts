import { describe, expect, it } from 'vitest';
import { moneyFormat } from '../../src/lib/money';

describe('an amount typed at the counter (USD, en-US)', () => {
	const usd = moneyFormat('USD', 'en-US');

	it.each([
		['1,250.00', 125_000],
		['1250', 125_000],
		['$ 1,250.5', 125_050],
		['0.10', 10],
		['0.29', 29], // 0.29 * 100 is 28.999… in floating point: read as integers, never as a float
		['1,234,567.89', 123_456_789],
		['4800.', 480_000],
		['USD 12', 1200]
	])('%s is %i cents', (text, cents) => expect(usd.parse(text)).toBe(cents));

	it.each(['12,50', '1,25', '1,2345', '12.345', '-5', 'ten', '', '1.2.3', ',100'])(
		'%s is refused rather than guessed',
		(text) => expect(usd.parse(text)).toBeNull()
	);

	it('shows cents back as the amount to edit, and in the shop’s currency', () => {
		expect(usd.text(125_050)).toBe('1250.50');
		expect(usd.text(5)).toBe('0.05');
		expect(usd.text(null)).toBe('');
		expect(usd.format(125_050)).toBe('$1,250.50');
		expect(moneyFormat('USD').format(125_050)).toBe('$1,250.50');
		expect(usd.example).toBe('1,250.00');
	});
});

describe('amounts in other currencies and locales', () => {
	it('a yen has no minor unit', () => {
		const yen = moneyFormat('JPY', 'en-US');
		expect(yen.digits).toBe(0);
		expect(yen.format(1500)).toBe('¥1,500');
		expect(yen.parse('1,500')).toBe(1500);
		expect(yen.parse('¥1500')).toBe(1500);
		expect(yen.parse('1500.5')).toBeNull();
		expect(yen.text(1500)).toBe('1500');
		expect(yen.example).toBe('1,250');
	});

	it('a German shop writes the separators the other way round', () => {
		const euro = moneyFormat('EUR', 'de-DE');
		expect(euro.parse('1.250,50')).toBe(125_050);
		expect(euro.parse('1250,5')).toBe(125_050);
		expect(euro.parse('12.50')).toBeNull();
		expect(euro.text(125_050)).toBe('1250,50');
		expect(euro.format(125_050)).toBe('1.250,50\u00a0€');
	});

	it('a Kuwaiti dinar has three digits', () => {
		const dinar = moneyFormat('KWD', 'en-US');
		expect(dinar.digits).toBe(3);
		expect(dinar.parse('12.345')).toBe(12_345);
		expect(dinar.parse('12.3456')).toBeNull();
		expect(dinar.text(12_345)).toBe('12.345');
		expect(dinar.format(1_250_500)).toBe('KWD\u00a01,250.500');
	});
});
