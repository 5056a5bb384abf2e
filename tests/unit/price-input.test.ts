import { describe, expect, it } from 'vitest';
import { readPrice } from '../../src/lib/price-input';

describe('readPrice', () => {
	it.each([
		['1,250.00', 125000],
		['1250', 125000],
		['$1,250.5', 125050],
		['0.29', 29],
		['19.99', 1999],
		['1,000,000.01', 100000001]
	])('reads %s as %i cents', (text, cents) => {
		expect(readPrice(text)).toEqual({ cents });
	});

	it('reads an empty field as no price', () => {
		expect(readPrice('  ')).toEqual({ cents: null });
	});

	it.each(['12,50', '1,2500.00', '1.234', 'abc', '-5'])('refuses %s', (text) => {
		expect(readPrice(text)).toHaveProperty('error');
	});
});
