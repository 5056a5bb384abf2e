import { describe, expect, it } from 'vitest';
import {
	handedText,
	heldSince,
	holderLabel,
	nowWith,
	readWeight,
	splitByCare,
	stepWords,
	theirThingsMarker,
	unitFor,
	weightChangeText,
	weighingHint,
	weightText,
	weightWarnings
} from '../../src/lib/words/custody';
import type { CustomerItem, Handoff, Holder } from '../../src/lib/types';

const customer: Holder = { kind: 'customer', name: 'The customer' };
const safe: Holder = { kind: 'place', name: 'Safe' };
const caster: Holder = { kind: 'vendor', id: 2, name: 'Pacific Casting House' };
const elena: Holder = { kind: 'person', id: 4, name: 'Elena Novak' };
const transit: Holder = { kind: 'transit', id: 7, name: 'In transit to Workshop' };

function step(id: number, from: Holder, to: Holder, patch: Partial<Handoff> = {}): Handoff {
	return {
		id,
		from,
		to,
		weight: null,
		weightChange: null,
		flagged: false,
		note: null,
		by: 'Sam Ortiz',
		at: `2025-12-0${id}T14:02:00Z`,
		...patch
	};
}

function item(patch: Partial<CustomerItem> = {}): CustomerItem {
	return {
		id: 1,
		orderId: 1,
		stoneId: null,
		kind: 'jewelry',
		description: "Grandmother's ring",
		weight: 4.21,
		weightUnit: 'g',
		declaredValueCents: null,
		holder: safe,
		checkedInAt: '2025-12-01T14:02:00Z',
		checkedInBy: 'Sam Ortiz',
		returnedAt: null,
		version: 1,
		trail: [],
		flagged: false,
		...patch
	};
}

describe('weights', () => {
	it('keep two decimals at least, three at most, with their unit', () => {
		expect(weightText(4.21, 'g')).toBe('4.21 g');
		expect(weightText(4.2, 'g')).toBe('4.20 g');
		expect(weightText(1.5, 'ct')).toBe('1.50 ct');
		expect(weightText(0.015, 'ct')).toBe('0.015 ct');
	});

	it('a change has its sign, with a true minus', () => {
		expect(weightChangeText(-0.18, 'g')).toBe('\u22120.18 g');
		expect(weightChangeText(0.02, 'ct')).toBe('+0.02 ct');
		expect(weightChangeText(0, 'g')).toBe('±0.00 g');
	});

	it('are read as typed: blank is none, commas and junk are refused', () => {
		expect(readWeight('')).toEqual({ weight: null });
		expect(readWeight(' 4.21 ')).toEqual({ weight: 4.21 });
		expect(readWeight('.5')).toEqual({ weight: 0.5 });
		expect(readWeight('12')).toEqual({ weight: 12 });
		for (const text of ['4,21', '4.2105', 'abc', '-1', '4.21 g']) {
			expect(readWeight(text), text).toHaveProperty('error');
		}
		expect(readWeight('0')).toEqual({ error: 'A weight more than 0' });
		expect(readWeight('100001')).toHaveProperty('error');
	});

	it('stones weigh in carats, everything else in grams', () => {
		expect(unitFor('stone')).toBe('ct');
		expect(unitFor('jewelry')).toBe('g');
		expect(unitFor('metal')).toBe('g');
	});
});

describe('holders', () => {
	it('by name, the viewer marked', () => {
		expect(holderLabel(elena)).toBe('Elena Novak');
		expect(holderLabel(elena, 4)).toBe('Elena Novak (you)');
		expect(holderLabel(caster, 2)).toBe('Pacific Casting House');
	});

	it('a person or a vendor has it; a place holds it', () => {
		expect(nowWith(elena)).toBe('Now with: Elena Novak');
		expect(nowWith(caster)).toBe('Now with: Pacific Casting House');
		expect(nowWith(safe)).toBe('Now in: Safe');
	});

	it('a hand-off just recorded says who has the item now, and when', () => {
		expect(handedText(elena, '2:05 PM')).toBe('Handed to Elena Novak at 2:05 PM');
		expect(handedText(elena, '14:05', 4)).toBe('Handed to Elena Novak (you) at 14:05');
		expect(handedText(caster, '14:05')).toBe('Handed to Pacific Casting House at 14:05');
		expect(handedText(safe, '14:05')).toBe('Put in Safe at 14:05');
	});

	it('a step of the trail goes from one to the next', () => {
		expect(stepWords(step(1, customer, safe))).toBe('The customer → Safe');
		expect(stepWords(step(2, safe, elena), 4)).toBe('Safe → Elena Novak (you)');
	});

	it('the holder has it since the latest step', () => {
		expect(heldSince(item())).toBe('2025-12-01T14:02:00Z');
		const trail = [step(1, customer, safe), step(3, safe, caster)];
		expect(heldSince(item({ trail }))).toBe('2025-12-03T14:02:00Z');
	});
});

describe('weight warnings', () => {
	it('name the weighing before, the one after and the difference', () => {
		const trail = [
			step(1, customer, safe, { weight: 4.21 }),
			step(2, safe, caster, { weight: 4.2, weightChange: -0.01 }),
			step(3, caster, elena, { weight: 4.02, weightChange: -0.18, flagged: true })
		];
		expect(weightWarnings(item({ trail, flagged: true }))).toEqual([
			'Weight changed: 4.20 g → 4.02 g (\u22120.18 g)'
		]);
	});

	it('skip steps that were not weighed when finding the one before', () => {
		const trail = [
			step(1, customer, safe, { weight: 1.52 }),
			step(2, safe, elena),
			step(3, elena, safe, { weight: 1.49, weightChange: -0.03, flagged: true })
		];
		expect(weightWarnings(item({ trail, weightUnit: 'ct' }))).toEqual([
			'Weight changed: 1.52 ct → 1.49 ct (\u22120.03 ct)'
		]);
	});

	it('none when nothing was flagged', () => {
		const trail = [
			step(1, customer, safe, { weight: 4.21 }),
			step(2, safe, caster, { weight: 4.2, weightChange: -0.01 })
		];
		expect(weightWarnings(item({ trail }))).toEqual([]);
	});
});

describe('items in care and returned', () => {
	it('are split, each keeping its order', () => {
		const items = [
			item({ id: 1 }),
			item({ id: 3 }),
			item({ id: 2, returnedAt: '2025-12-05T10:00:00Z' })
		];
		const { inCare, returned } = splitByCare(items);
		expect(inCare.map((i) => i.id)).toEqual([1, 3]);
		expect(returned.map((i) => i.id)).toEqual([2]);
	});
});

describe("the board card's marker", () => {
	it('says stone, item or items, with a count past one', () => {
		expect(theirThingsMarker(0, 0)).toBeNull();
		expect(theirThingsMarker(1, 0)?.label).toBe("Customer's stone");
		expect(theirThingsMarker(2, 0)?.label).toBe("Customer's stones (2)");
		expect(theirThingsMarker(0, 1)?.label).toBe("Customer's item");
		expect(theirThingsMarker(0, 3)?.label).toBe("Customer's items (3)");
		expect(theirThingsMarker(1, 2)?.label).toBe("Customer's items (3)");
	});

	it('tells in its title what exactly the store holds', () => {
		expect(theirThingsMarker(1, 0)?.title).toBe("The customer's own stone is with this order");
		expect(theirThingsMarker(0, 1)?.title).toBe("An item of the customer's is in the store's care");
		expect(theirThingsMarker(2, 1)?.title).toBe(
			"2 stones and 1 other item of the customer's are in the store's care"
		);
	});
});

describe('an item in transit between locations', () => {
	it('says where it is heading, not who holds it', () => {
		expect(nowWith(transit)).toBe('In transit to Workshop');
		expect(handedText(transit, '14:02')).toBe('In transit to Workshop since 14:02');
		expect(stepWords({ from: safe, to: transit })).toBe('Safe → In transit to Workshop');
		const workshop: Holder = { kind: 'place', id: 2, name: 'Workshop' };
		expect(nowWith(workshop)).toBe('Now in: Workshop');
	});
});

describe('the hint under a weight being typed', () => {
	it('says the last weighing, and warns while the scale reads beyond its tolerance from it', () => {
		expect(weighingHint('', 4.21, 'g')).toEqual({ text: 'Last weighed 4.21 g', warn: false });
		expect(weighingHint('', null, 'g')).toEqual({ text: 'If it was weighed', warn: false });
		// Within the scale's tolerance (0.05 g): the same weight.
		expect(weighingHint('4.17', 4.21, 'g')).toEqual({ text: 'Last weighed 4.21 g', warn: false });
		expect(weighingHint('4.02', 4.21, 'g')).toEqual({
			text: '0.19 g lighter than last weighed (4.21 g): weigh it again. If it is right, the difference is recorded and flagged.',
			warn: true
		});
		expect(weighingHint('1.07', 1.05, 'ct')).toMatchObject({
			text: /^0\.02 ct heavier than last weighed \(1\.05 ct\)/,
			warn: true
		});
		// Not a weight yet: the form's own message says so on sending.
		expect(weighingHint('4,2', 4.21, 'g')).toEqual({ text: 'Last weighed 4.21 g', warn: false });
	});
});
