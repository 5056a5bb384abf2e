import { belongsTo, type LocationSummary } from '../locations';
import { SvelteMap } from 'svelte/reactivity';
import { DEFAULT_STAGE_THRESHOLDS, type StageThresholds } from '../aging';
import { SortedColumns } from './columns';
import { compareKeys, keyBetween } from './order-key';
import { BOARD_STAGES, type BoardStage, type Stage } from '../stages';
import type { Board, OrderCard } from '../types';
import type { OrderEvent } from '../events';
import { NO_WIP_LIMITS, type WipLimits } from '../wip';

/** Further behind than this, a screen reloads the board instead of replaying events. */
export const CATCH_UP_LIMIT = 1000;

/** An event's `after` that is a whole card (a location's screen is sent one when an order arrives). */
function isWholeCard(after: Partial<OrderCard>): after is OrderCard {
	return typeof after.id === 'number' && typeof after.number === 'string' && 'orderKey' in after;
}

/**
 * Where a card is shown while its move is under way: first the screen's guess, then (once the
 * server answered) the server's placement, until the event stream brings the card to that version.
 */
type Placement = { stage: Stage; orderKey: string | null; untilVersion: number | null };

/**
 * The one place a screen applies what happens to the board: events strictly in seq order (a
 * duplicate is ignored, a gap is buffered and asks for `events?after=`), and moves shown before the
 * server confirms them, rolled back if it refuses.
 */
export class BoardStore {
	/**
	 * Cards as the server last confirmed them, by id. A map of plain objects (never deep proxies), each
	 * replaced whole when it changes: thousands of cards stay cheap to hold and to update.
	 */
	confirmed = new SvelteMap<number, OrderCard>();
	/** Moves sent and not yet answered: where the card is shown meanwhile. */
	pending = new SvelteMap<number, Placement>();
	/** The last event applied: everything up to it is reflected. */
	seq = $state(0);
	shopName = $state('');
	timeZone = $state('UTC');
	/** Days in each stage before a card is flagged stuck; settings can change them live. */
	stageThresholds = $state<StageThresholds>(DEFAULT_STAGE_THRESHOLDS);
	/** Work-in-progress limits; settings can change them live. */
	wipLimits = $state.raw<WipLimits>(NO_WIP_LIMITS);
	/** False while the store holds only the top of each column: it then takes no events. */
	complete = $state(false);
	/** The shop's locations, to name them on cards and filter by them. */
	locations = $state.raw<LocationSummary[]>([]);
	/** Hours after which a piece in transit is flagged as not received. */
	transferAlertHours = $state(24);
	/**
	 * A wall display limited to one location: it is sent that location's events only, so its seqs
	 * have holes, and each event's `prevSeq` says whether one was missed. Null: every event comes.
	 */
	limitedTo = $state<number | null>(null);
	#stageCounts = $state<Record<BoardStage, number>>({} as Record<BoardStage, number>);

	#sorted = new SortedColumns();
	/** Bumped when a stage's sorted cards change, so only that column is laid out again. */
	#versions = $state(
		Object.fromEntries(BOARD_STAGES.map((stage) => [stage, 0])) as Record<BoardStage, number>
	);
	#shownCache = new Map<BoardStage, { key: string; cards: OrderCard[] }>();
	#early = new Map<number, OrderEvent>();
	#requestCatchUp: (after: number) => void;

	constructor(board: Board, requestCatchUp: (after: number) => void) {
		this.#requestCatchUp = requestCatchUp;
		this.reset(board);
	}

	/**
	 * What the screen shows: confirmed cards, with pending moves in place, by stage and position. A
	 * column that did not change keeps its array, so its component has nothing to redo.
	 */
	columns = $derived.by(() => {
		const placements = [...this.pending.entries()];
		const columns = {} as Record<BoardStage, OrderCard[]>;
		for (const stage of BOARD_STAGES) {
			const moving = placements.filter(
				([id, placement]) => placement.stage === stage || this.confirmed.get(id)?.stage === stage
			);
			const key = `${this.#versions[stage]}|${moving.map(([id, p]) => `${id}:${p.stage}:${p.orderKey}`).join(',')}`;
			const cached = this.#shownCache.get(stage);
			if (cached?.key === key) {
				columns[stage] = cached.cards;
				continue;
			}
			let cards = this.#sorted.of(stage).slice();
			if (moving.length) {
				const ids = new Set(moving.map(([id]) => id));
				cards = cards.filter((card) => !ids.has(card.id));
				for (const [id, placement] of moving) {
					const card = this.confirmed.get(id);
					if (card && placement.stage === stage && placement.orderKey !== null) {
						cards.push({ ...card, stage, orderKey: placement.orderKey });
					}
				}
				cards.sort((a, b) => compareKeys(a.orderKey!, b.orderKey!));
			}
			this.#shownCache.set(stage, { key, cards });
			columns[stage] = cards;
		}
		return columns;
	});

	/** Every change to a confirmed card goes through here, so the sorted columns follow it. */
	#put(id: number, card: OrderCard | undefined): void {
		const before = this.confirmed.get(id);
		if (card) this.confirmed.set(id, card);
		else this.confirmed.delete(id);
		for (const stage of this.#sorted.replace(before, card)) this.#versions[stage]++;
	}

	/** How many orders a column has (all of them, even before the whole board is loaded). */
	countIn(stage: BoardStage): number {
		return this.complete ? this.columns[stage].length : (this.#stageCounts[stage] ?? 0);
	}

	get count(): number {
		return BOARD_STAGES.reduce((sum, stage) => sum + this.countIn(stage), 0);
	}

	reset(board: Board): void {
		this.confirmed.clear();
		for (const card of board.orders) this.confirmed.set(card.id, card);
		this.#sorted.reset(board.orders);
		for (const stage of BOARD_STAGES) this.#versions[stage]++;
		this.seq = board.seq;
		this.shopName = board.shopName;
		this.timeZone = board.timeZone;
		this.stageThresholds = board.stageThresholds;
		this.wipLimits = board.wipLimits;
		this.complete = board.complete;
		// A board kept offline by an earlier version has no locations: the shop's one store then.
		this.locations = board.locations ?? [];
		this.transferAlertHours = board.transferAlertHours ?? 24;
		this.limitedTo = board.limitedTo ?? null;
		this.#stageCounts = board.stageCounts;
		this.#early.clear();
	}

	/** The whole board as this screen holds it (what the server confirmed), to keep for offline use. */
	snapshot(today: string): Board {
		const stageCounts = Object.fromEntries(
			BOARD_STAGES.map((stage) => [stage, this.#sorted.of(stage).length])
		) as Record<BoardStage, number>;
		return {
			shopName: this.shopName,
			timeZone: this.timeZone,
			today,
			seq: this.seq,
			stageCounts,
			stageThresholds: this.stageThresholds,
			wipLimits: this.wipLimits,
			complete: true,
			orders: [...this.confirmed.values()],
			locations: this.locations,
			transferAlertHours: this.transferAlertHours,
			...(this.limitedTo === null ? {} : { limitedTo: this.limitedTo })
		};
	}

	/** An event from the socket or a catch-up page, in any order, possibly twice. */
	receive(event: OrderEvent): void {
		// A partial board cannot place what it does not hold: the whole board replaces it first.
		if (event.seq <= this.seq || !this.complete) return;
		if (this.limitedTo !== null) return this.#receiveLimited(event);
		if (event.seq > this.seq + 1) {
			this.#early.set(event.seq, event);
			this.#requestCatchUp(this.seq);
			return;
		}
		this.#apply(event);
		let next: OrderEvent | undefined;
		while ((next = this.#early.get(this.seq + 1))) {
			this.#early.delete(next.seq);
			this.#apply(next);
		}
		for (const seq of this.#early.keys()) if (seq <= this.seq) this.#early.delete(seq);
	}

	/**
	 * A location's event: applied when nothing of the location's came between our seq and it (its
	 * `prevSeq`); else kept, and the screen catches up.
	 */
	#receiveLimited(event: OrderEvent): void {
		if ((event.prevSeq ?? event.seq - 1) > this.seq) {
			this.#early.set(event.seq, event);
			this.#requestCatchUp(this.seq);
			return;
		}
		this.#apply(event);
		let next: OrderEvent | undefined;
		while (
			(next = [...this.#early.values()]
				.sort((a, b) => a.seq - b.seq)
				.find((early) => early.seq > this.seq && (early.prevSeq ?? early.seq - 1) <= this.seq))
		) {
			this.#early.delete(next.seq);
			this.#apply(next);
		}
		for (const seq of this.#early.keys()) if (seq <= this.seq) this.#early.delete(seq);
	}

	/**
	 * A catch-up page read the log `through` this seq: a location's screen has every event of its
	 * location up to it, though it was sent only some.
	 */
	readThrough(through: number | undefined): void {
		if (this.limitedTo === null || through === undefined || !this.complete) return;
		if (through > this.seq) this.seq = through;
		for (const seq of this.#early.keys()) if (seq <= this.seq) this.#early.delete(seq);
	}

	/** Whether a catch-up from our seq to `lastSeq` is too long to replay. */
	tooFarBehind(lastSeq: number): boolean {
		return lastSeq - this.seq > CATCH_UP_LIMIT;
	}

	#apply(event: OrderEvent): void {
		const { after, rekeyed } = event.payload;
		if (event.orderId === null) {
			// A customer's name changed: every card of theirs shows the new one.
			for (const card of this.confirmed.values()) {
				if (card.customerId === event.customerId) this.#put(card.id, { ...card, ...after });
			}
			this.seq = event.seq;
			return;
		}
		if (event.type === 'order.created') {
			this.#put(event.orderId, after as OrderCard);
		} else if (event.type === 'order.picked_up') {
			this.#put(event.orderId, undefined);
		} else {
			const card = this.confirmed.get(event.orderId);
			if (card) this.#put(event.orderId, { ...card, ...after });
			// An order that came to this location: the event carries its whole card.
			else if (this.limitedTo !== null && isWholeCard(after)) this.#put(event.orderId, after);
		}
		const shown = this.confirmed.get(event.orderId);
		// An order that left this location (or its board) leaves this location's screen.
		if (
			this.limitedTo !== null &&
			shown &&
			(!belongsTo(shown, this.limitedTo) || shown.orderKey === null)
		) {
			this.#put(event.orderId, undefined);
		}
		const placement = this.pending.get(event.orderId);
		const reached = this.confirmed.get(event.orderId)?.version ?? Infinity;
		if (placement?.untilVersion != null && reached >= placement.untilVersion) {
			this.pending.delete(event.orderId);
		}
		for (const { id, orderKey } of rekeyed ?? []) {
			const card = this.confirmed.get(id);
			if (card) this.#put(id, { ...card, orderKey });
		}
		this.seq = event.seq;
	}

	/** Shows a move at once, directly after `afterId` (null: the top), before the server answers. */
	moveLocally(id: number, stage: BoardStage, afterId: number | null): void {
		const column = this.columns[stage].filter((card) => card.id !== id);
		const index = afterId === null ? -1 : column.findIndex((card) => card.id === afterId);
		const before = index >= 0 ? column[index].orderKey : null;
		const after = column[index + 1]?.orderKey ?? null;
		this.pending.set(id, { stage, orderKey: keyBetween(before, after), untilVersion: null });
	}

	/**
	 * The server's answer to a move: the card as it is now (moved, or where it really is after a
	 * refusal), or null when there was no answer. The answer may run ahead of the event stream, so
	 * it is shown until the stream catches up with it, never written over what the stream says.
	 */
	settleMove(id: number, card: OrderCard | null): void {
		const known = this.confirmed.get(id);
		if (!card || !known || known.version >= card.version) {
			this.pending.delete(id);
			return;
		}
		this.pending.set(id, {
			stage: card.stage,
			orderKey: card.orderKey,
			untilVersion: card.version
		});
	}

	/** The card as shown, and where: its stage and its place in the column. */
	locate(id: number): { card: OrderCard; stage: BoardStage; index: number } | undefined {
		for (const stage of BOARD_STAGES) {
			const index = this.columns[stage].findIndex((card) => card.id === id);
			if (index >= 0) return { card: this.columns[stage][index], stage, index };
		}
		return undefined;
	}
}
