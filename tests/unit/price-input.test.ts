import { describe, expect, it } from 'vitest';
import { moneyFormat } from '../../src/lib/money';
import { readPrice } from '../../src/lib/price-input';

describe('readPrice', () => {
	const usd = moneyFormat('USD', 'en-US');

	it.each([
		['1,250.00', 125000],
		['1250', 125000],
		['$1,250.5', 125050],
		['0.29', 29],
		['19.99', 1999],
		['1,000,000.01', 100000001]
	])('reads %s as %i cents', (text, cents) => {
		expect(readPrice(text, usd)).toEqual({ cents });
	});

	it('reads an empty field as no price', () => {
		expect(readPrice('  ', usd)).toEqual({ cents: null });
	});

	it.each(['12,50', '1,2500.00', '1.234', 'abc', '-5'])('refuses %s', (text) => {
		expect(readPrice(text, usd)).toEqual({ error: 'must be an amount like 1,250.00' });
	});

	it("reads and explains amounts the shop's way", () => {
		const euro = moneyFormat('EUR', 'de-DE');
		expect(readPrice('1.250,50', euro)).toEqual({ cents: 125050 });
		expect(readPrice('12.50', euro)).toEqual({ error: 'must be an amount like 1.250,00' });
		const yen = moneyFormat('JPY', 'ja-JP');
		expect(readPrice('1,500', yen)).toEqual({ cents: 1500 });
		expect(readPrice('1500.5', yen)).toEqual({ error: 'must be an amount like 1,250' });
	});

	it('refuses an amount too large for a quote', () => {
		expect(readPrice('1,000,000,000.01', usd)).toEqual({ error: 'is too large' });
	});
});
