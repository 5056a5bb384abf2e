import { describe, expect, it } from 'vitest';
import {
	fullCardsThatFit,
	lateFirst,
	pagesOf,
	pageWith
} from '../../src/lib/components/display/pages';

/** A card as a letter: upper case is late, lower case on time. */
const late = (card: string) => card === card.toUpperCase();
const cards = (letters: string) => letters.split('');
const shown = (pages: string[][]) => pages.map((page) => page.join(''));

describe('late work first in a wall column', () => {
	it("puts late cards ahead of the others, each group in the column's order", () => {
		expect(lateFirst(cards('abCdEf'), late).join('')).toBe('CEabdf');
	});

	it('leaves a column without late cards, or all late, as it is', () => {
		const onTime = cards('abc');
		expect(lateFirst(onTime, late)).toBe(onTime);
		const allLate = cards('ABC');
		expect(lateFirst(allLate, late)).toBe(allLate);
	});
});

describe('pages of a crowded column', () => {
	it('is one page when every card fits', () => {
		expect(shown(pagesOf(cards('aBc'), late, 3))).toEqual(['aBc']);
		expect(shown(pagesOf([], late, 3))).toEqual(['']);
	});

	it('pages the cards on time in turn', () => {
		expect(shown(pagesOf(cards('abcdefg'), late, 3))).toEqual(['abc', 'def', 'g']);
	});

	it('keeps every late card at the top of every page', () => {
		const pages = pagesOf(lateFirst(cards('abCdeFg'), late), late, 4);
		expect(shown(pages)).toEqual(['CFab', 'CFde', 'CFg']);
		for (const page of pages) expect(page.filter(late)).toEqual(['C', 'F']);
	});

	it('puts late cards on the first pages, ahead of all on time, when they fill a page', () => {
		expect(shown(pagesOf(cards('aBCDEf'), late, 3))).toEqual(['BCD', 'Eaf']);
		expect(shown(pagesOf(cards('aBCDEf'), late, 4))).toEqual(['BCDE', 'af']);
	});

	it('shows one card a page at least, whatever it is told', () => {
		expect(shown(pagesOf(cards('ab'), late, 0))).toEqual(['a', 'b']);
	});

	it('finds the page a card is on', () => {
		const pages = pagesOf(cards('abcdefg'), late, 3);
		expect(pageWith(pages, (card) => card === 'e')).toBe(1);
		expect(pageWith(pages, (card) => card === 'z')).toBe(0);
	});
});

describe('a column condensing from the bottom', () => {
	const row = 100;
	const gap = 10;

	it('shows every card in full when they fit', () => {
		expect(fullCardsThatFit({ full: [200, 250], columns: 1, row, gap, available: 460 })).toBe(2);
	});

	it('condenses the cards at the bottom, one by one, as the column fills', () => {
		const full = [200, 250, 200];
		// 200 + 250 + 200 + 2 gaps = 670; with the last compact 570; with two compact 420.
		expect(fullCardsThatFit({ full, columns: 1, row, gap, available: 670 })).toBe(3);
		expect(fullCardsThatFit({ full, columns: 1, row, gap, available: 669 })).toBe(2);
		expect(fullCardsThatFit({ full, columns: 1, row, gap, available: 569 })).toBe(1);
		expect(fullCardsThatFit({ full, columns: 1, row, gap, available: 419 })).toBe(0);
	});

	it('counts a grid row as high as its tallest card when cards sit side by side', () => {
		const full = [200, 300, 200, 200];
		// Rows of two: 300 + 10 + 200 = 510 in full; the last two compact: 300 + 10 + 100 = 410.
		expect(fullCardsThatFit({ full, columns: 2, row, gap, available: 510 })).toBe(4);
		expect(fullCardsThatFit({ full, columns: 2, row, gap, available: 420 })).toBe(2);
	});

	it('has nothing to condense in an empty column', () => {
		expect(fullCardsThatFit({ full: [], columns: 1, row, gap, available: 500 })).toBe(0);
	});
});
