import { describe, expect, it } from 'vitest';
import {
	arrivals,
	cardsThatFit,
	ROW,
	sameFit,
	sortForDisplay,
	UNMEASURED
} from '../../src/lib/components/display/layout';
import type { OrderCard } from '../../src/lib/types';
import { testCard } from '../helpers/cards';

const card = (id: number, dueDate: string | null): OrderCard =>
	testCard(id, {
		title: 'Band',
		stage: 'setting',
		dueDate,
		customerId: 1,
		customerName: 'Olivia B.',
		customerShortName: 'Olivia B.',
		pieceType: 'wedding_band',
		stageEnteredAt: '2026-06-01T10:00:00Z'
	});

describe('sorting a column for the wall', () => {
	const column = [
		card(1, '2026-07-01'),
		card(2, null),
		card(3, '2026-06-20'),
		card(4, '2026-07-01')
	];

	it("keeps the board's order when the display is set to manual", () => {
		expect(sortForDisplay(column, 'manual')).toBe(column);
	});

	it("puts the soonest due first and orders without a due date last, ties in the board's order", () => {
		expect(sortForDisplay(column, 'due').map((c) => c.id)).toEqual([3, 1, 4, 2]);
		expect(column.map((c) => c.id)).toEqual([1, 2, 3, 4]);
	});
});

describe('how many compact rows a condensed column shows', () => {
	const em = 20;

	it('fits whole cards only, at least one', () => {
		const height = 4 * ROW.height * em + 3 * ROW.gap * em;
		expect(cardsThatFit({ width: 240, height, em })).toEqual({ columns: 1, rows: 4 });
		expect(cardsThatFit({ width: 240, height: height - 1, em })).toEqual({ columns: 1, rows: 3 });
		expect(cardsThatFit({ width: 240, height: 10, em })).toEqual({ columns: 1, rows: 1 });
	});

	it('puts cards side by side in a wide column', () => {
		const width = 3 * ROW.minWidth * em + 2 * ROW.gap * em;
		expect(cardsThatFit({ width, height: 900, em }).columns).toBe(3);
	});

	it('guesses until the column is measured', () => {
		expect(cardsThatFit({ width: 0, height: 0, em: 16 })).toBe(UNMEASURED);
	});

	it('tells two fits apart by what they hold', () => {
		expect(sameFit({ columns: 1, rows: 7 }, { columns: 1, rows: 7 })).toBe(true);
		expect(sameFit({ columns: 1, rows: 7 }, { columns: 1, rows: 8 })).toBe(false);
		expect(sameFit({ columns: 2, rows: 7 }, { columns: 1, rows: 7 })).toBe(false);
	});
});

describe('cards that just arrived', () => {
	const column = [card(1, null), card(2, null)];

	it('are none on the first look at a column', () => {
		expect(arrivals(null, column)).toEqual([]);
	});

	it('are the cards not there before', () => {
		expect(arrivals(new Set([1]), column).map((c) => c.id)).toEqual([2]);
	});

	it('are none when the whole board was reloaded at once', () => {
		const many = [1, 2, 3, 4, 5].map((id) => card(id, null));
		expect(arrivals(new Set<number>(), many)).toEqual([]);
	});
});
