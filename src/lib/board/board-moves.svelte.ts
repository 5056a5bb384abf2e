import { tick } from 'svelte';
import { newChangeKey } from '../offline/change-key';
import { ApiError } from '../api/client';
import { moveOrder, undoChange } from '../api/orders';
import type { BoardStore } from './store.svelte';
import { Notices } from '../notices.svelte';
import { STAGE_LABELS, type BoardStage } from '../stages';
import type { OrderCard } from '../types';
import { UNDO_OFFER_MS } from '../undo';

import { noAnswer } from '../api/no-answer';
import type { ChangeQueue, QueuedMove } from '../offline/queue.svelte';
import { RETRY_MS, sendQueue, type Outcome } from '../offline/replay';
import { outcomeWords } from '../offline/outcome-words';

/** The offline queue of the person at this screen, and the shop's clock for what it says. */
export type OfflineOptions = { queue: ChangeQueue; time: (moment: string) => string };

/** Where a card goes: a stage, directly after a card in it (null: the top). */
export type MoveTarget = { stage: BoardStage; afterId: number | null };

/**
 * The board screen's moves: shown at once, sent, then settled by the server's answer, which names
 * the move's event so its Undo is offered straight away. It says what happened twice: a notice on
 * screen and words for a screen reader.
 */
export class BoardMoves {
	readonly notices = new Notices();
	/** What the screen reader says next. */
	announcement = $state('');
	/** The card this screen moved last, which its notice must not cover. */
	lastMoved = $state<number | null>(null);
	#store: BoardStore;
	#mayMove: () => boolean;
	#online: () => boolean;
	#offline: OfflineOptions | null;
	#retry: ReturnType<typeof setTimeout> | undefined;

	/**
	 * `online`: whether the screen is connected and caught up. With `offline`, a move made while it
	 * is not (or whose answer never came) waits in the queue and is sent when it is back.
	 */
	constructor(
		store: BoardStore,
		mayMove: () => boolean,
		online: () => boolean = () => true,
		offline: OfflineOptions | null = null
	) {
		this.#store = store;
		this.#mayMove = mayMove;
		this.#online = online;
		this.#offline = offline;
	}

	/** Whether a card has a move waiting to be sent. */
	waiting(id: number): boolean {
		return (this.#offline?.queue.for(id).length ?? 0) > 0;
	}

	announce(text: string): void {
		// Cleared first so that the same words twice are still read out.
		this.announcement = '';
		void tick().then(() => (this.announcement = text));
	}

	/** "Casting, 2 of 5": where a card is now, as a screen reader says it. */
	placeWords(id: number): string {
		const at = this.#store.locate(id);
		if (!at) return 'off the board';
		return `${STAGE_LABELS[at.stage]}, ${at.index + 1} of ${this.#store.columns[at.stage].length}`;
	}

	async move(card: OrderCard, target: MoveTarget): Promise<void> {
		if (!this.#mayMove()) return;
		const store = this.#store;
		const known = store.confirmed.get(card.id) ?? card;
		const version = known.version;
		store.moveLocally(card.id, target.stage, target.afterId);
		this.lastMoved = card.id;
		this.announce(`${card.number} moved to ${this.placeWords(card.id)}.`);
		const queue = this.#offline?.queue;
		const move = {
			orderId: card.id,
			number: card.number,
			from: known.stage as BoardStage,
			version,
			...target
		};
		// Offline, or behind a change of this card still waiting: it joins the queue, in order.
		if (queue && (!this.#online() || queue.for(card.id).length)) return this.#queue(move);
		const key = newChangeKey();
		try {
			const { card: moved, seq } = await moveOrder(card.id, { ...target, version }, key);
			store.settleMove(card.id, moved);
			const text =
				moved.stage === card.stage
					? `Moved ${card.number} within ${STAGE_LABELS[moved.stage]}.`
					: `Moved ${card.number} to ${STAGE_LABELS[moved.stage]}.`;
			// No seq: it was already there, and there is nothing to take back.
			if (seq === null) this.show('info', text);
			else this.show('info', text, { label: 'Undo', run: () => void this.undo(card, seq) });
		} catch (error) {
			if (queue && noAnswer(error)) {
				// It may or may not have arrived: sent again with its key, it is applied once.
				return this.#queue(move, key);
			}
			if (!(error instanceof ApiError) || error.status === 0) {
				store.settleMove(card.id, null);
				this.show(
					'error',
					`${card.number} could not be moved: the server did not answer. Nothing was changed.`
				);
				this.announce(
					`${card.number} could not be moved; it is back in ${this.placeWords(card.id)}.`
				);
				return;
			}
			store.settleMove(card.id, (error.current as OrderCard | null) ?? null);
			const reason = /[.!?]$/.test(error.message) ? error.message : `${error.message}.`;
			this.show('error', `${reason} The card is back where it really is.`);
			this.announce(`Move refused: ${reason} ${card.number} is in ${this.placeWords(card.id)}.`);
		}
	}

	/** The undo is an ordinary move back: every screen follows it from its event. */
	async undo(card: Pick<OrderCard, 'id' | 'number'>, seq: number): Promise<void> {
		this.notices.dismiss();
		try {
			const { card: back } = await undoChange(card.id, seq);
			this.#store.settleMove(card.id, back);
			this.show('info', `${card.number} is back in ${STAGE_LABELS[back.stage]}.`);
			this.announce(`${card.number} moved back to ${this.placeWords(card.id)}.`);
		} catch (error) {
			this.show(
				'error',
				error instanceof ApiError && error.status !== 0
					? error.message
					: `${card.number} could not be moved back: the server did not answer.`
			);
		}
	}

	async #queue(move: Omit<QueuedMove, 'kind' | 'key' | 'queuedAt'>, key?: string): Promise<void> {
		try {
			await this.#offline!.queue.add(move, key);
		} catch {
			// The browser would not keep it (its storage full, a private window): not moved.
			this.#store.settleMove(move.orderId, null);
			this.show(
				'error',
				`${move.number} could not be kept on this device while offline: it is back where it was.`
			);
			return;
		}
		this.show(
			'info',
			`Moved ${move.number} to ${STAGE_LABELS[move.stage]}. It is sent when the connection is back.`
		);
	}

	/** Shows the queue's moves where they were made to go (after a reload while offline). */
	restore(): void {
		for (const move of this.#offline?.queue.items ?? []) {
			if (move.kind === 'move' && this.#store.confirmed.has(move.orderId))
				this.#store.moveLocally(move.orderId, move.stage, move.afterId);
		}
	}

	/**
	 * Sends what waited, in the order it was made, once the screen is connected and caught up. Moves
	 * someone else overtook are not applied: the person is told whose change came first, with one tap
	 * to put theirs on top of it (or they let it go).
	 */
	async replay(): Promise<void> {
		const offline = this.#offline;
		if (!offline || !this.#online()) return;
		const { queue } = offline;
		const waiting = [...queue.items];
		const result = await sendQueue(queue);
		// No answer yet (the API down while the socket is up, a process restarting): again soon.
		if (result?.stalled) {
			clearTimeout(this.#retry);
			this.#retry = setTimeout(() => void this.replay(), RETRY_MS);
		}
		if (!result) return;
		for (const outcome of result.outcomes) {
			if (outcome.change.kind !== 'move') continue;
			const card = outcome.kind === 'applied' ? outcome.card : outcome.current;
			this.#store.settleMove(outcome.change.orderId, card);
		}
		if (result.signedOut) {
			for (const change of waiting) this.#store.settleMove(change.orderId, null);
			await queue.clear();
			this.show('error', 'You were signed out: the changes made offline were not sent.');
			return;
		}
		if (!result.outcomes.length) return;
		const text = await outcomeWords(result.outcomes, offline.time);
		const conflicts = result.outcomes.filter(
			(outcome) => outcome.kind === 'conflict' && outcome.change.kind === 'move'
		);
		const overtaken = result.outcomes.some((outcome) => outcome.kind !== 'applied');
		const action = conflicts.length
			? {
					label: conflicts.length === 1 ? 'Move it anyway' : 'Move them anyway',
					run: () => void this.#moveAnyway(conflicts)
				}
			: undefined;
		if (overtaken) this.notices.show('conflict', text, 0, action);
		else this.show('info', text);
		this.announce(text);
	}

	/** The person's say after a conflict: their move, on top of what the other person did. */
	async #moveAnyway(conflicts: Outcome[]): Promise<void> {
		this.notices.dismiss();
		for (const { change } of conflicts) {
			if (change.kind !== 'move') continue;
			const card = this.#store.confirmed.get(change.orderId);
			if (card) await this.move(card, { stage: change.stage, afterId: change.afterId });
		}
	}

	show(kind: 'error' | 'info', text: string, action?: { label: string; run: () => void }): void {
		const timeout = action ? UNDO_OFFER_MS : kind === 'error' ? 10_000 : 5_000;
		this.notices.show(kind, text, timeout, action);
	}
}
