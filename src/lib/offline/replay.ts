import { ApiError } from '../api/client';
import type { OrderCard } from '../types';
import type { QueuedMove } from './queue.svelte';

/** What became of a queued change when it was sent. */
export type Outcome =
	/** `card` is null when the server knew the key but no longer its answer. */
	| { kind: 'applied'; move: QueuedMove; card: OrderCard | null }
	/** Someone else changed the card meanwhile: not applied, `current` is the card as it is. */
	| { kind: 'conflict'; move: QueuedMove; current: OrderCard | null; message: string }
	/** Refused for good (the order is archived, the role may not move it any more). */
	| { kind: 'refused'; move: QueuedMove; current: OrderCard | null; message: string };

export type ReplayResult = {
	outcomes: Outcome[];
	/** Still no answer from the server: the rest waits for the next try. */
	stalled: boolean;
	/** The session ended: nothing more is sent, and the queue is to be emptied. */
	signedOut: boolean;
};

/**
 * Sends queued changes one at a time, in the order they were made, each with its own key (so one
 * that did reach the server before is not applied twice). A change the server refuses is taken out
 * of the queue and reported; a network failure stops the run, keeping that change and the rest.
 */
export async function replay(
	items: readonly QueuedMove[],
	send: (move: QueuedMove) => Promise<OrderCard>,
	done: (move: QueuedMove) => Promise<void>
): Promise<ReplayResult> {
	const outcomes: Outcome[] = [];
	for (const move of items) {
		let outcome: Outcome;
		try {
			outcome = { kind: 'applied', move, card: await send(move) };
		} catch (error) {
			if (!(error instanceof ApiError) || error.status === 0 || error.status >= 500)
				return { outcomes, stalled: true, signedOut: false };
			if (error.status === 401) return { outcomes, stalled: false, signedOut: true };
			if (error.code === 'already_applied') {
				await done(move);
				outcomes.push({ kind: 'applied', move, card: null });
				continue;
			}
			const current = (error.current as OrderCard | null) ?? null;
			outcome = {
				kind: error.status === 409 && error.code === 'conflict' ? 'conflict' : 'refused',
				move,
				current,
				message: error.message
			};
		}
		await done(move);
		outcomes.push(outcome);
	}
	return { outcomes, stalled: false, signedOut: false };
}
