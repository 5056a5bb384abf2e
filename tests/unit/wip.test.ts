import { describe, expect, it } from 'vitest';
import {
	jewelerLimit,
	jewelerLoads,
	loadOf,
	loadText,
	NO_WIP_LIMITS,
	wipLimitsForDisplay,
	wipLimitsOf,
	type WipLimits
} from '../../src/lib/wip';

const limits: WipLimits = { stages: { design: 5 }, perJeweler: 3, jewelers: { Priya: 5 } };
const cards = (...names: (string | null)[]) => names.map((assignee) => ({ assignee }));

describe('a count against its limit', () => {
	it('is over only past the limit: at the limit is full, not over', () => {
		expect(loadOf(4, 5)).toEqual({ count: 4, limit: 5, over: false });
		expect(loadOf(5, 5).over).toBe(false);
		expect(loadOf(6, 5).over).toBe(true);
	});

	it('is never over without a limit', () => {
		expect(loadOf(999, undefined)).toEqual({ count: 999, limit: null, over: false });
		expect(loadOf(999, null).over).toBe(false);
	});

	it('reads "7 / 5", or the count alone without a limit', () => {
		expect(loadText(loadOf(7, 5))).toBe('7 / 5');
		expect(loadText(loadOf(7, null))).toBe('7');
	});
});

describe("a jeweler's load", () => {
	it("takes their own limit before everyone's", () => {
		expect(jewelerLimit(limits, 'Priya')).toBe(5);
		expect(jewelerLimit(limits, 'Luis')).toBe(3);
		expect(jewelerLimit(NO_WIP_LIMITS, 'Luis')).toBeNull();
	});

	it('counts each name on the open orders, alphabetically, and leaves unassigned orders out', () => {
		const loads = jewelerLoads(
			cards('Sam', 'Luis', null, 'Luis', 'Priya', 'Luis', 'Luis', 'Priya'),
			limits
		);
		expect(loads).toEqual([
			{ name: 'Luis', count: 4, limit: 3, over: true },
			{ name: 'Priya', count: 2, limit: 5, over: false },
			{ name: 'Sam', count: 1, limit: 3, over: false }
		]);
	});

	it('names are as written on the orders: "priya" is not "Priya"', () => {
		const loads = jewelerLoads(cards('priya', 'priya', 'priya', 'priya'), limits);
		expect(loads).toEqual([{ name: 'priya', count: 4, limit: 3, over: true }]);
	});
});

describe('stored limits', () => {
	it('keep what is a limit and drop what is not', () => {
		expect(wipLimitsOf(null)).toEqual(NO_WIP_LIMITS);
		expect(
			wipLimitsOf({
				stages: { design: 5, casting: 0, setting: 2.5, smelting: 4, ready: '3' },
				perJeweler: -1,
				jewelers: { Priya: 6, Luis: null }
			})
		).toEqual({ stages: { design: 5 }, perJeweler: null, jewelers: { Priya: 6 } });
	});

	it("reach a wall display without people's limits unless it shows assignees", () => {
		expect(wipLimitsForDisplay(limits, true)).toEqual(limits);
		expect(wipLimitsForDisplay(limits, false)).toEqual({
			stages: { design: 5 },
			perJeweler: null,
			jewelers: {}
		});
	});
});
