import { describe, expect, it } from 'vitest';
import { filterChips } from '../../src/lib/board/filter-chips';
import {
	activeFilterCount,
	boardViewQuery,
	matchesFilters,
	NO_FILTERS,
	readBoardView
} from '../../src/lib/board/filters';
import { DEFAULT_STAGE_THRESHOLDS } from '../../src/lib/aging';
import { firstOpenStore } from '../../src/lib/locations';
import type { OrderCard } from '../../src/lib/types';

const context = { today: '2026-11-27', timeZone: 'UTC', thresholds: DEFAULT_STAGE_THRESHOLDS };
const places = (intake: number, pickup: number, here: number | null, heading: number | null) =>
	({
		intakeLocationId: intake,
		pickupLocationId: pickup,
		locationId: here,
		transitToId: heading,
		stage: 'casting',
		number: 'CO-1',
		title: 'Ring',
		customerName: 'Hannah Okafor',
		firstBlocker: null
	}) as unknown as OrderCard;

describe("the board's location filter", () => {
	it('is read from and written to the URL; a value that is not an id is named', () => {
		const { view, problems } = readBoardView(new URLSearchParams('location=3&rush=1'));
		expect(view.filters.location).toBe(3);
		expect(problems).toEqual([]);
		expect(boardViewQuery(view)).toBe('location=3&rush=1');
		expect(activeFilterCount(view.filters)).toBe(2);
		for (const bad of ['front', '0', '-2', '1.5']) {
			const read = readBoardView(new URLSearchParams(`location=${bad}`));
			expect(
				read.problems.map((problem) => problem.param),
				bad
			).toEqual(['location']);
			expect(read.view.filters.location).toBeNull();
		}
	});

	it('keeps the orders taken in, picked up, made at or heading to the location', () => {
		const at = (location: number) => ({ ...NO_FILTERS, location });
		expect(matchesFilters(places(1, 1, 1, null), at(1), context)).toBe(true);
		expect(matchesFilters(places(2, 1, 2, null), at(1), context)).toBe(true); // picked up here
		expect(matchesFilters(places(1, 1, null, 3), at(3), context)).toBe(true); // on its way
		expect(matchesFilters(places(1, 1, 1, null), at(3), context)).toBe(false);
		expect(matchesFilters(places(1, 1, 1, null), NO_FILTERS, context)).toBe(true);
	});

	it('has a chip naming the location', () => {
		const chips = filterChips({ ...NO_FILTERS, location: 3 }, '2026-11-27', (date) => date, [
			{ id: 3, name: 'Workshop', kind: 'workshop', archived: false }
		]);
		expect(chips).toEqual([
			{ key: 'location', label: 'Location: Workshop', clear: { location: null } }
		]);
	});
});

describe('the first open store', () => {
	it('is the oldest store still in use, whatever the list order, as the server picks it', () => {
		const harbor = { id: 2, name: 'Harbor', kind: 'store' as const, archived: false };
		const main = { id: 1, name: 'Main Street', kind: 'store' as const, archived: false };
		const workshop = { id: 3, name: 'Workshop', kind: 'workshop' as const, archived: false };
		expect(firstOpenStore([harbor, main, workshop])).toBe(main);
		expect(firstOpenStore([harbor, { ...main, archived: true }, workshop])).toBe(harbor);
		expect(firstOpenStore([workshop])).toBeNull();
	});
});
