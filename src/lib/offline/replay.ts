import { ApiError } from '../api/client';
import { changeOrder, moveOrder, uploadAttachment } from '../api/orders';
import type { OrderCard } from '../types';
import type { ChangeQueue, QueuedChange } from './queue.svelte';

/** What became of a queued change when it was sent. */
export type Outcome =
	/** `card`: a move's card as it is now; null for a change inside an order, or when the server
	 * knew the key but no longer its answer. */
	| { kind: 'applied'; change: QueuedChange; card: OrderCard | null }
	/** Someone else changed it meanwhile: not applied; for a move, `current` is the card as it is. */
	| { kind: 'conflict'; change: QueuedChange; current: OrderCard | null; message: string }
	/** Refused for good (the order is archived, the role may not do it any more). */
	| { kind: 'refused'; change: QueuedChange; current: OrderCard | null; message: string };

export type ReplayResult = {
	outcomes: Outcome[];
	/** Still no answer from the server: the rest waits for the next try. */
	stalled: boolean;
	/** The session ended: nothing more is sent, and the queue is to be emptied. */
	signedOut: boolean;
};

/** Sends one queued change as it was made, with its key: applied once however often it is sent. */
export async function sendQueued(change: QueuedChange): Promise<OrderCard | null> {
	if (change.kind === 'move') {
		const { stage, afterId, version } = change;
		return (await moveOrder(change.orderId, { stage, afterId, version }, change.key)).card;
	}
	if (change.kind === 'upload') {
		await uploadAttachment(change.orderId, change.meta, change.file, () => {}, change.key);
		return null;
	}
	await changeOrder(change.orderId, change.method, change.path, change.body, change.key);
	return null;
}

/**
 * Sends queued changes one at a time, in the order they were made, each with its own key (so one
 * that did reach the server before is not applied twice). A change the server refuses is taken out
 * of the queue and reported; a network failure stops the run, keeping that change and the rest.
 */
export async function replay(
	items: readonly QueuedChange[],
	send: (change: QueuedChange) => Promise<OrderCard | null>,
	done: (change: QueuedChange) => Promise<void>
): Promise<ReplayResult> {
	const outcomes: Outcome[] = [];
	for (const change of items) {
		let outcome: Outcome;
		try {
			outcome = { kind: 'applied', change, card: await send(change) };
		} catch (error) {
			if (!(error instanceof ApiError) || error.status === 0 || error.status >= 500)
				return { outcomes, stalled: true, signedOut: false };
			if (error.status === 401) return { outcomes, stalled: false, signedOut: true };
			if (error.code === 'already_applied') {
				outcome = { kind: 'applied', change, card: null };
			} else {
				const current =
					change.kind === 'move' ? ((error.current as OrderCard | null) ?? null) : null;
				outcome = {
					kind: error.status === 409 && error.code === 'conflict' ? 'conflict' : 'refused',
					change,
					current,
					message: error.message
				};
			}
		}
		await done(change);
		outcomes.push(outcome);
	}
	return { outcomes, stalled: false, signedOut: false };
}

/**
 * Sends a person's queue once, whichever screen asks first (the board and the order beside it both
 * do when the connection is back): the others get null.
 */
export async function sendQueue(queue: ChangeQueue): Promise<ReplayResult | null> {
	if (queue.sending || !queue.count) return null;
	queue.sending = true;
	try {
		return await replay([...queue.items], sendQueued, (change) => queue.remove(change.key));
	} finally {
		queue.sending = false;
	}
}
