import { goto } from '$app/navigation';
import { page } from '$app/state';
import type { BoardStore } from './store.svelte';
import {
	activeFilterCount,
	assigneesOf,
	lateFirst,
	boardViewQuery,
	matchesFilters,
	parseBoardView,
	shownStages,
	sortByDue,
	type BoardView,
	type FilterContext
} from './filters';
import { isLate } from '../due';
import { BOARD_STAGES, type BoardStage } from '../stages';
import type { OrderCard } from '../types';

/** Typing in the search writes the URL once the typing pauses, not at every key. */
const TYPING_MS = 300;

/**
 * The board as one person filters and sorts it, derived from the live store (never a copy of its
 * cards, so a card that changes walks into or out of the view by itself), with the view kept in
 * the URL so it can be bookmarked and shared. Create it while a component initialises.
 */
export class FilteredBoard {
	/** Replaced whole on every change, never mutated. */
	view = $state.raw<BoardView>(parseBoardView(new URLSearchParams()));
	/** Late cards at the top of each column: this person's own choice, kept with their account. */
	lateFirst = $state(false);

	#store: BoardStore;
	#today: () => string;
	/** The query this screen last wrote: a URL change to anything else came from outside. */
	#written: string;
	#inFlight = new Set<string>();
	#timer: ReturnType<typeof setTimeout> | undefined;
	#cache = new Map<BoardStage, { source: OrderCard[]; key: string; cards: OrderCard[] }>();

	#atRisk: () => ReadonlySet<number>;

	constructor(
		store: BoardStore,
		today: () => string,
		{ lateFirst = false } = {},
		atRisk: () => ReadonlySet<number> = () => new Set()
	) {
		this.#store = store;
		this.#atRisk = atRisk;
		this.lateFirst = lateFirst;
		this.#today = today;
		this.view = parseBoardView(page.url.searchParams);
		this.#written = boardViewQuery(this.view);
		// Back, a bookmark, or the Board link in the header: the URL leads, the bar follows it.
		$effect(() => {
			const query = boardViewQuery(parseBoardView(page.url.searchParams));
			if (query === this.#written) {
				this.#inFlight.clear();
				return;
			}
			// An earlier write of ours landing after a later one was sent: not news.
			if (this.#inFlight.has(query)) return;
			clearTimeout(this.#timer);
			this.#written = query;
			this.view = parseBoardView(page.url.searchParams);
		});
		$effect(() => () => clearTimeout(this.#timer));
	}

	filterCount = $derived(activeFilterCount(this.view.filters));
	filtering = $derived(this.filterCount > 0);
	stages = $derived(shownStages(this.view.filters));

	#context = $derived.by<FilterContext>(() => ({
		today: this.#today(),
		timeZone: this.#store.timeZone,
		thresholds: this.#store.stageThresholds,
		// Read only while the filter is on, so forecasts changing do not refilter other views.
		atRisk: this.view.filters.atRisk ? this.#atRisk() : undefined
	}));

	/** Each shown column's cards; a column whose cards and view did not change keeps its array. */
	columns = $derived.by(() => {
		const source = this.#store.columns;
		const { filters, sort } = this.view;
		const late = this.lateFirst;
		if (!this.filtering && sort === 'manual' && !late) return source;
		const { atRisk, ...context } = this.#context;
		const key = JSON.stringify([filters, sort, late, context, atRisk ? [...atRisk] : null]);
		const columns = {} as Record<BoardStage, OrderCard[]>;
		for (const stage of BOARD_STAGES) {
			const cached = this.#cache.get(stage);
			if (cached?.source === source[stage] && cached.key === key) {
				columns[stage] = cached.cards;
				continue;
			}
			let cards = this.stages.includes(stage)
				? source[stage].filter((card) => matchesFilters(card, filters, this.#context))
				: [];
			if (sort === 'due') cards = sortByDue(cards);
			if (late) cards = lateFirst(cards, this.#context.today);
			this.#cache.set(stage, { source: source[stage], key, cards });
			columns[stage] = cards;
		}
		return columns;
	});

	/** How many cards the view shows, across its columns. */
	shownCount = $derived(this.stages.reduce((sum, stage) => sum + this.columns[stage].length, 0));

	assignees = $derived.by(() => assigneesOf(this.#store.confirmed.values()));

	/** Late cards in each shown column, for its header. */
	lateIn = $derived.by(() => {
		const today = this.#context.today;
		return Object.fromEntries(
			this.stages.map((stage) => [
				stage,
				this.columns[stage].filter((c) => isLate(c, today)).length
			])
		) as Record<BoardStage, number>;
	});

	/** Late orders on the whole board, whatever the filters show: the top bar's "N overdue". */
	lateTotal = $derived.by(() => {
		const today = this.#context.today;
		const columns = this.#store.columns;
		return BOARD_STAGES.reduce(
			(sum, stage) => sum + columns[stage].filter((c) => isLate(c, today)).length,
			0
		);
	});

	/** The shown cards in board order: column by column, top to bottom. */
	cards(): OrderCard[] {
		return this.stages.flatMap((stage) => this.columns[stage]);
	}

	/** Shows a view at once; its URL follows (after a pause when `typing`). */
	set(view: BoardView, { typing = false } = {}): void {
		this.view = view;
		clearTimeout(this.#timer);
		if (typing) this.#timer = setTimeout(() => this.#writeUrl(), TYPING_MS);
		else this.#writeUrl();
	}

	#writeUrl(): void {
		// The order panel owns the URL while it is open (/orders/12): write once it has closed.
		if (page.state.orderPanel) {
			this.#timer = setTimeout(() => this.#writeUrl(), TYPING_MS);
			return;
		}
		const query = boardViewQuery(this.view);
		if (query === this.#written) return;
		this.#written = query;
		this.#inFlight.add(query);
		// A filter is a way of looking, not a place: it replaces the history entry, and the page's
		// load does not read the query, so nothing is fetched again.
		void goto(`${page.url.pathname}${query ? `?${query}` : ''}`, {
			replaceState: true,
			keepFocus: true,
			noScroll: true
		});
	}
}
