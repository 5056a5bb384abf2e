import { daysUntil, isLate } from '../due';
import { isStuck, type StageThresholds } from '../aging';
import { compareKeys } from './order-key';
import { BOARD_STAGES, type BoardStage } from '../stages';
import { belongsTo, locationIdParam } from '../locations';
import type { OrderCard } from '../types';
import { PIECE_TYPES, type PieceType } from '../words/vocabulary';

/** Which due dates a view keeps. "range" reads `from` and `to`, either of which may be open. */
export const DUE_FILTERS = ['overdue', 'today', 'this_week', 'next_14', 'none', 'range'] as const;
export type DueFilter = (typeof DUE_FILTERS)[number];

export const DUE_FILTER_LABELS: Record<DueFilter, string> = {
	overdue: 'Overdue',
	today: 'Due today',
	this_week: 'Due this week',
	next_14: 'Next 14 days',
	none: 'No due date',
	range: 'Dates…'
};

export interface BoardFilters {
	/** Only the orders of one location (`belongsTo`): taken in, picked up, there or heading there. */
	location: number | null;
	due: DueFilter | null;
	/** Calendar dates (YYYY-MM-DD), only with `due: 'range'`. */
	from: string | null;
	to: string | null;
	assignee: string | null;
	rush: boolean;
	/** Empty: every stage. */
	stages: BoardStage[];
	piece: PieceType | null;
	/** Only orders holding the customer's own stones or other items of theirs. */
	own: boolean;
	/** Only orders waiting on something. */
	waiting: boolean;
	stuck: boolean;
	/** Only orders whose forecast gives them under an even chance of making their due date. */
	atRisk: boolean;
	q: string;
}

export type BoardSort = 'manual' | 'due';

/** What the board shows: which orders, and in what order within a column. */
export interface BoardView {
	filters: BoardFilters;
	sort: BoardSort;
}

export const NO_FILTERS: BoardFilters = {
	location: null,
	due: null,
	from: null,
	to: null,
	assignee: null,
	rush: false,
	stages: [],
	piece: null,
	own: false,
	waiting: false,
	stuck: false,
	atRisk: false,
	q: ''
};

const MAX_TEXT = 200;

function calendarDate(value: string | null): string | null {
	if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
	const [y, m, d] = value.split('-').map(Number);
	const date = new Date(Date.UTC(y, m - 1, d));
	// Rejects 2026-02-30, which Date would roll over into March.
	return date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? value : null;
}

function text(value: string | null): string | null {
	const trimmed = value?.trim().slice(0, MAX_TEXT) ?? '';
	return trimmed || null;
}

/** A value of the URL that the board cannot read: which parameter, and why, in plain words. */
export interface ViewProblem {
	param: string;
	message: string;
}

const FLAGS = {
	rush: 'rush',
	own: 'own',
	waiting: 'waiting',
	stuck: 'stuck',
	risk: 'atRisk'
} as const;
/** Every parameter of the board's URL, in the order `boardViewQuery` writes them. */
export const VIEW_PARAMS = [
	'location',
	'due',
	'from',
	'to',
	'assignee',
	'rush',
	'stage',
	'piece',
	'own',
	'waiting',
	'stuck',
	'risk',
	'q',
	'sort'
] as const;

/**
 * The view a URL asks for, and each value in it that does not parse. The board's page drops such a
 * value (a bookmark outlives the shop's vocabulary, and people edit URLs by hand); the API answers
 * it with a 400 naming the parameter. One reading for both, so they never disagree.
 */
export function readBoardView(params: URLSearchParams): {
	view: BoardView;
	problems: ViewProblem[];
} {
	const problems: ViewProblem[] = [];
	const problem = (param: string, message: string) => problems.push({ param, message });
	for (const param of new Set(params.keys())) {
		if (!(VIEW_PARAMS as readonly string[]).includes(param))
			problem(param, `is not one of the board's filters: ${VIEW_PARAMS.join(', ')}`);
		else if (params.getAll(param).length > 1)
			problem(param, 'is given more than once (stages go in one, separated by commas)');
	}
	const given = (param: string) => params.get(param) ?? '';
	const oneOf = (param: string, values: readonly string[]) => {
		const value = given(param);
		if (value === '' || values.includes(value)) return value || null;
		problem(param, `must be one of ${values.join(', ')}`);
		return null;
	};
	const longText = (param: string) => {
		if (given(param).trim().length > MAX_TEXT)
			problem(param, `is longer than ${MAX_TEXT} characters`);
		return text(params.get(param));
	};

	const filters: BoardFilters = { ...NO_FILTERS, stages: [] };
	if (given('location') !== '') {
		const id = locationIdParam(given('location'));
		if (id !== null) filters.location = id;
		else problem('location', "must be a location's id, a whole number");
	}
	filters.due = oneOf('due', DUE_FILTERS) as DueFilter | null;
	for (const end of ['from', 'to'] as const) {
		if (!params.has(end)) continue;
		if (filters.due !== 'range') {
			problem(end, 'is read only with due=range');
			continue;
		}
		filters[end] = calendarDate(params.get(end));
		if (!filters[end]) problem(end, 'must be a calendar date, YYYY-MM-DD');
	}
	if (filters.due === 'range' && !filters.from && !filters.to) {
		if (!params.has('from') && !params.has('to'))
			problem('due', 'is range, which needs from or to');
		filters.due = null;
	}
	filters.assignee = longText('assignee');
	const stages = given('stage').split(',');
	filters.stages = BOARD_STAGES.filter((stage) => stages.includes(stage));
	const unknown = stages.filter(
		(stage) => stage && !(BOARD_STAGES as readonly string[]).includes(stage)
	);
	if (unknown.length)
		problem('stage', `has ${unknown.join(', ')}: the stages are ${BOARD_STAGES.join(', ')}`);
	filters.piece = oneOf('piece', PIECE_TYPES) as PieceType | null;
	for (const [param, flag] of Object.entries(FLAGS)) {
		filters[flag] = oneOf(param, ['1', '0']) === '1';
	}
	filters.q = longText('q') ?? '';
	const sort = oneOf('sort', ['manual', 'due']) === 'due' ? 'due' : 'manual';
	return { view: { filters, sort }, problems };
}

/** The view a URL asks for; what does not parse is dropped, never an error (`readBoardView`). */
export function parseBoardView(params: URLSearchParams): BoardView {
	return readBoardView(params).view;
}

/** A range with neither end chosen yet filters nothing (the bar shows it while dates are picked). */
function dueIsOn(filters: Pick<BoardFilters, 'due' | 'from' | 'to'>): boolean {
	return filters.due === 'range' ? !!(filters.from || filters.to) : filters.due !== null;
}

/** The URL query for a view, defaults left out, in a fixed order so equal views read the same. */
export function boardViewQuery({ filters, sort }: BoardView): string {
	const params = new URLSearchParams();
	if (filters.location !== null) params.set('location', String(filters.location));
	if (dueIsOn(filters)) params.set('due', filters.due!);
	if (filters.due === 'range') {
		if (filters.from) params.set('from', filters.from);
		if (filters.to) params.set('to', filters.to);
	}
	if (filters.assignee) params.set('assignee', filters.assignee);
	if (filters.rush) params.set('rush', '1');
	if (filters.stages.length) params.set('stage', filters.stages.join(','));
	if (filters.piece) params.set('piece', filters.piece);
	if (filters.own) params.set('own', '1');
	if (filters.waiting) params.set('waiting', '1');
	if (filters.stuck) params.set('stuck', '1');
	if (filters.atRisk) params.set('risk', '1');
	if (filters.q.trim()) params.set('q', filters.q.trim());
	if (sort === 'due') params.set('sort', 'due');
	// URLSearchParams writes commas as %2C; the stage list reads better left plain.
	return params.toString().replaceAll('%2C', ',');
}

/** How many filters are on, for "Filters (3)". */
export function activeFilterCount(filters: BoardFilters): number {
	return [
		filters.location !== null,
		dueIsOn(filters),
		filters.assignee,
		filters.rush,
		filters.stages.length,
		filters.piece,
		filters.own,
		filters.waiting,
		filters.stuck,
		filters.atRisk,
		filters.q.trim()
	].filter(Boolean).length;
}

/** The columns a view shows, in board order. */
export function shownStages(filters: BoardFilters): BoardStage[] {
	return filters.stages.length ? [...filters.stages] : [...BOARD_STAGES];
}

/** What deciding "due this week" or "stuck" needs: the shop's today, time zone and thresholds. */
export interface FilterContext {
	today: string;
	timeZone: string;
	thresholds: StageThresholds;
	/** Orders the forecast calls at risk (src/lib/forecast); none when the screen has no forecast. */
	atRisk?: ReadonlySet<number>;
}

/** Sunday ends the shop's week, as in `dueBucket`. */
function daysLeftInWeek(today: string): number {
	const weekday = new Date(`${today}T00:00:00Z`).getUTCDay(); // 0 = Sunday
	return weekday === 0 ? 0 : 7 - weekday;
}

/** The Sunday that ends this week (today, on a Sunday), as YYYY-MM-DD: what "this week" runs to. */
export function weekEnd(today: string): string {
	const end = new Date(`${today}T00:00:00Z`);
	end.setUTCDate(end.getUTCDate() + daysLeftInWeek(today));
	return end.toISOString().slice(0, 10);
}

/**
 * Whether a due date is in the view's due filter. `stage` is the order's: overdue is late work, and
 * a finished piece waiting for its customer is not, whatever it was due.
 */
export function matchesDue(
	dueDate: string | null,
	filters: Pick<BoardFilters, 'due' | 'from' | 'to'>,
	today: string,
	stage?: string
): boolean {
	if (!dueIsOn(filters)) return true;
	if (filters.due === 'none') return dueDate === null;
	if (dueDate === null) return false;
	const days = daysUntil(dueDate, today);
	switch (filters.due) {
		case 'overdue':
			return isLate({ stage, dueDate }, today);
		case 'today':
			return days === 0;
		case 'this_week':
			return days >= 0 && days <= daysLeftInWeek(today);
		case 'next_14':
			// Today and the fourteen days after it: the same weekday two weeks out still counts.
			return days >= 0 && days <= 14;
	}
	return (!filters.from || dueDate >= filters.from) && (!filters.to || dueDate <= filters.to);
}

/** Lower case without accents, so "zoe" finds Zoë and "renee" finds Renée. */
export function foldText(value: string): string {
	return value
		.normalize('NFD')
		.replace(/\p{Diacritic}/gu, '')
		.toLowerCase();
}

/** Every word of the search appears somewhere in the card's number, title, customer or blocker. */
export function matchesSearch(card: OrderCard, q: string): boolean {
	const words = foldText(q).split(/\s+/).filter(Boolean);
	if (!words.length) return true;
	const haystack = foldText(
		[card.number, card.title, card.customerName, card.firstBlocker ?? ''].join('\n')
	);
	return words.every((word) => haystack.includes(word));
}

/** Whether a card passes every filter that is on. */
export function matchesFilters(
	card: OrderCard,
	filters: BoardFilters,
	context: FilterContext
): boolean {
	if (filters.location !== null && !belongsTo(card, filters.location)) return false;
	if (filters.stages.length && !filters.stages.includes(card.stage as BoardStage)) return false;
	if (filters.rush && !card.rush) return false;
	if (filters.assignee && card.assignee !== filters.assignee) return false;
	if (filters.piece && card.pieceType !== filters.piece) return false;
	if (filters.own && !(card.customerStones + card.customerItems > 0)) return false;
	if (filters.waiting && !card.firstBlocker) return false;
	if (!matchesDue(card.dueDate, filters, context.today, card.stage)) return false;
	if (filters.stuck && !isStuck(card, context.thresholds, context.today, context.timeZone))
		return false;
	if (filters.atRisk && !context.atRisk?.has(card.id)) return false;
	return matchesSearch(card, filters.q);
}

/**
 * A column by due date, soonest (and overdue) first, undated last; equal dates keep the bench's
 * manual order, so the sort never shuffles cards that tie.
 */
export function sortByDue(cards: readonly OrderCard[]): OrderCard[] {
	return [...cards].sort((a, b) => {
		if (a.dueDate !== b.dueDate) {
			if (a.dueDate === null) return 1;
			if (b.dueDate === null) return -1;
			return a.dueDate < b.dueDate ? -1 : 1;
		}
		return compareKeys(a.orderKey ?? '', b.orderKey ?? '');
	});
}

/**
 * Late cards first, each group keeping the order it had (manual or by date), so a manager sees
 * every late order at the top of its column without losing the bench's own order below it.
 */
export function lateFirst(cards: readonly OrderCard[], today: string): OrderCard[] {
	const late = cards.filter((card) => isLate(card, today));
	if (late.length === 0 || late.length === cards.length) return cards as OrderCard[];
	return [...late, ...cards.filter((card) => !isLate(card, today))];
}

/** The assignees a board names, for the assignee filter: each once, alphabetically. */
export function assigneesOf(cards: Iterable<OrderCard>): string[] {
	const names = new Set<string>();
	for (const card of cards) if (card.assignee) names.add(card.assignee);
	return [...names].sort((a, b) => a.localeCompare(b));
}
