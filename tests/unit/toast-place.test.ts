import { describe, expect, it } from 'vitest';
import { toastSide } from '../../src/lib/board/toast-place';

const screen = { width: 1024, height: 768 };
const toast = { width: 400, height: 48 };
const card = (left: number, top: number, width = 170, height = 150) => ({
	left,
	top,
	right: left + width,
	bottom: top + height
});

describe('where the Undo notice sits', () => {
	it('stays in the middle when the moved card is clear of it', () => {
		expect(toastSide(card(20, 100), toast, screen)).toBe('center');
		expect(toastSide(null, toast, screen)).toBe('center');
	});

	it('moves away from a card it would cover at the foot of the screen', () => {
		// A card at the bottom, in the middle of the screen, left of centre: the notice goes right.
		expect(toastSide(card(380, 620), toast, screen)).toBe('right');
		// Right of centre: the notice goes left.
		expect(toastSide(card(560, 620), toast, screen)).toBe('left');
	});

	it('stays in the middle when the card covers every place (a phone)', () => {
		const phone = { width: 390, height: 844 };
		expect(toastSide(card(10, 700, 370), { width: 358, height: 56 }, phone)).toBe('center');
	});
});
