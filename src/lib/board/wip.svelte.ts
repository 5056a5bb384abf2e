import type { BoardStage } from '../stages';
import { jewelerLoads, loadOf, type Load } from '../wip';
import type { BoardStore } from './store.svelte';

/**
 * The board's work in progress against its limits, derived from the store: every open order
 * counts, whatever the filters show, and a card that moves changes the counts with it.
 */
export class BoardWip {
	#store: BoardStore;

	constructor(store: BoardStore) {
		this.#store = store;
	}

	/** A stage's open orders against its limit (the limit null when it has none). */
	stage(stage: BoardStage): Load {
		return loadOf(this.#store.countIn(stage), this.#store.wipLimits.stages[stage]);
	}

	/** Each jeweler on the board against their limit; empty until the whole board is loaded. */
	people = $derived.by(() =>
		this.#store.complete ? jewelerLoads(this.#store.confirmed.values(), this.#store.wipLimits) : []
	);

	/** The jewelers holding more than their limit. */
	over = $derived(this.people.filter((person) => person.over));

	#overByName = $derived(new Map(this.over.map((person) => [person.name, person])));

	/** A jeweler's load if they are over their limit, else null. */
	overLimit(name: string | null): Load | null {
		return name === null ? null : (this.#overByName.get(name) ?? null);
	}
}
