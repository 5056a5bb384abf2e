import { tick } from 'svelte';
import { ApiError } from '../api/client';
import { moveOrder, undoChange } from '../api/orders';
import type { BoardStore } from './store.svelte';
import { Notices } from '../notices.svelte';
import { STAGE_LABELS, type BoardStage } from '../stages';
import type { OrderCard } from '../types';
import { UNDO_OFFER_MS } from '../undo';

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

	constructor(store: BoardStore, mayMove: () => boolean) {
		this.#store = store;
		this.#mayMove = mayMove;
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
		const version = store.confirmed.get(card.id)?.version ?? card.version;
		store.moveLocally(card.id, target.stage, target.afterId);
		this.lastMoved = card.id;
		this.announce(`${card.number} moved to ${this.placeWords(card.id)}.`);
		try {
			const { card: moved, seq } = await moveOrder(card.id, { ...target, version });
			store.settleMove(card.id, moved);
			const text =
				moved.stage === card.stage
					? `Moved ${card.number} within ${STAGE_LABELS[moved.stage]}.`
					: `Moved ${card.number} to ${STAGE_LABELS[moved.stage]}.`;
			// No seq: it was already there, and there is nothing to take back.
			if (seq === null) this.show('info', text);
			else this.show('info', text, { label: 'Undo', run: () => void this.undo(card, seq) });
		} catch (error) {
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

	show(kind: 'error' | 'info', text: string, action?: { label: string; run: () => void }): void {
		const timeout = action ? UNDO_OFFER_MS : kind === 'error' ? 10_000 : 5_000;
		this.notices.show(kind, text, timeout, action);
	}
}
