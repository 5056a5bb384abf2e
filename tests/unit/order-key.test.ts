import { describe, expect, it } from 'vitest';
import {
	compareKeys,
	keyBetween,
	MAX_KEY_LENGTH,
	needsRekey,
	spreadKeys
} from '../../src/lib/board/order-key';

describe('order keys', () => {
	it('makes a key between two neighbours, at the top and at the bottom', () => {
		const first = keyBetween(null, null);
		const last = keyBetween(first, null);
		const top = keyBetween(null, first);
		const middle = keyBetween(first, last);
		expect([last, middle, top, first].sort(compareKeys)).toEqual([top, first, middle, last]);
	});

	it('keeps 1,000 inserts at the top and at the bottom short and ordered', () => {
		let top = keyBetween(null, null);
		let bottom = top;
		const keys = [top];
		for (let i = 0; i < 1000; i++) {
			top = keyBetween(null, top);
			bottom = keyBetween(bottom, null);
			keys.push(top, bottom);
		}
		expect(Math.max(...keys.map((key) => key.length))).toBeLessThanOrEqual(4);
		expect(new Set(keys).size).toBe(keys.length);
	});

	it('flags a key grown past the limit after repeated inserts at one spot, so the column is spread out', () => {
		const low = keyBetween(null, null);
		let high = keyBetween(low, null);
		let inserts = 0;
		while (!needsRekey(keyBetween(low, high))) {
			high = keyBetween(low, high);
			inserts++;
		}
		expect(inserts).toBeGreaterThan(10);
		expect(keyBetween(low, high).length).toBeGreaterThan(MAX_KEY_LENGTH);
	});

	it('spreads a column of 1,000 into short, distinct, ascending keys', () => {
		const keys = spreadKeys(1000);
		expect(keys).toEqual([...keys].sort(compareKeys));
		expect(new Set(keys).size).toBe(1000);
		expect(keys.every((key) => !needsRekey(key))).toBe(true);
	});

	it('compares keys by byte, as PostgreSQL\'s "C" collation does', () => {
		expect(compareKeys('a0', 'aZ')).toBeLessThan(0); // '0' < 'Z' < 'z' in byte order
		expect(compareKeys('aZ', 'az')).toBeLessThan(0);
		expect(compareKeys('a1', 'a1')).toBe(0);
	});
});
