import { describe, expect, it } from 'vitest';
import { filterChips } from '../../src/lib/board/filter-chips';
import { NO_FILTERS, type BoardFilters } from '../../src/lib/board/filters';

const date = (iso: string) => `<${iso}>`;
const chips = (patch: Partial<BoardFilters>, today = '2026-12-05') =>
	filterChips({ ...NO_FILTERS, ...patch }, today, date);

describe('the chips of the filters in force', () => {
	it('has none without filters, and none for the search, which is its own box', () => {
		expect(chips({})).toEqual([]);
		expect(chips({ q: 'ruby' })).toEqual([]);
	});

	it('says which days "this week" means: from today to Sunday', () => {
		// A Saturday: the week ends tomorrow, and the chip says so.
		expect(chips({ due: 'this_week' }, '2026-12-05')[0].label).toBe(
			'Due this week, to <2026-12-06>'
		);
		// A Sunday is the week's last day.
		expect(chips({ due: 'this_week' }, '2026-12-06')[0].label).toBe(
			'Due this week, to <2026-12-06>'
		);
		expect(chips({ due: 'this_week' }, '2026-12-07')[0].label).toBe(
			'Due this week, to <2026-12-13>'
		);
	});

	it('names each filter, and clearing one leaves the others', () => {
		const all = chips({
			due: 'range',
			from: '2026-12-01',
			to: '2026-12-09',
			assignee: 'Elena',
			stages: ['casting', 'setting'],
			piece: 'pendant',
			rush: true,
			own: true,
			waiting: true,
			stuck: true,
			atRisk: true
		});
		expect(all.map((chip) => chip.label)).toEqual([
			'Due <2026-12-01> – <2026-12-09>',
			'Assigned to Elena',
			'Casting, Setting',
			'Pendant',
			'Rush',
			"Customer's items",
			'Waiting on something',
			'Stuck',
			'At risk'
		]);
		expect(all[0].clear).toEqual({ due: null, from: null, to: null });
		expect(all[2].clear).toEqual({ stages: [] });
	});

	it('shows an open-ended range by its one end, and an empty range not at all', () => {
		expect(chips({ due: 'range', from: '2026-12-01' })[0].label).toBe('Due from <2026-12-01>');
		expect(chips({ due: 'range', to: '2026-12-09' })[0].label).toBe('Due by <2026-12-09>');
		expect(chips({ due: 'range' })).toEqual([]);
	});
});
