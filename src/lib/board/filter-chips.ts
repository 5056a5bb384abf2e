import { locationName, type LocationSummary } from '../locations';
import { STAGE_LABELS } from '../stages';
import { PIECE_TYPE_LABELS } from '../words/vocabulary';
import { weekEnd, type BoardFilters } from './filters';

/** One filter in force, as the removable chip that names it. */
export interface FilterChip {
	key: string;
	label: string;
	/** What the filters become without it. */
	clear: Partial<BoardFilters>;
}

/**
 * The filters in force, each in words a manager reads at a glance ("Due this week, to Sun, Dec 7"),
 * in the order of the Filter menu. The search is its own box, so it has no chip.
 */
export function filterChips(
	filters: BoardFilters,
	today: string,
	date: (isoDate: string) => string,
	locations: readonly LocationSummary[] = []
): FilterChip[] {
	const chips: FilterChip[] = [];
	// Shown whenever it is on, so that a link from a shop of several locations can be undone.
	if (filters.location !== null) {
		chips.push({
			key: 'location',
			label: `Location: ${locationName(locations, filters.location)}`,
			clear: { location: null }
		});
	}
	const due = dueLabel(filters, today, date);
	if (due) chips.push({ key: 'due', label: due, clear: { due: null, from: null, to: null } });
	if (filters.assignee) {
		chips.push({
			key: 'assignee',
			label: `Assigned to ${filters.assignee}`,
			clear: { assignee: null }
		});
	}
	if (filters.stages.length) {
		chips.push({
			key: 'stages',
			label: filters.stages.map((stage) => STAGE_LABELS[stage]).join(', '),
			clear: { stages: [] }
		});
	}
	if (filters.piece) {
		chips.push({ key: 'piece', label: PIECE_TYPE_LABELS[filters.piece], clear: { piece: null } });
	}
	if (filters.rush) chips.push({ key: 'rush', label: 'Rush', clear: { rush: false } });
	if (filters.own) chips.push({ key: 'own', label: "Customer's items", clear: { own: false } });
	if (filters.waiting) {
		chips.push({ key: 'waiting', label: 'Waiting on something', clear: { waiting: false } });
	}
	if (filters.stuck) chips.push({ key: 'stuck', label: 'Stuck', clear: { stuck: false } });
	if (filters.atRisk) chips.push({ key: 'atRisk', label: 'At risk', clear: { atRisk: false } });
	return chips;
}

function dueLabel(filters: BoardFilters, today: string, date: (isoDate: string) => string) {
	switch (filters.due) {
		case null:
			return null;
		case 'overdue':
			return 'Overdue';
		case 'today':
			return 'Due today';
		case 'this_week':
			return `Due this week, to ${date(weekEnd(today))}`;
		case 'next_14':
			return 'Due in the next 14 days';
		case 'none':
			return 'No due date';
		case 'range':
			if (filters.from && filters.to) return `Due ${date(filters.from)} – ${date(filters.to)}`;
			if (filters.from) return `Due from ${date(filters.from)}`;
			if (filters.to) return `Due by ${date(filters.to)}`;
			return null;
	}
}
