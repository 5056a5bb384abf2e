import { ApiError } from '../api/client';
import { changeOrder, moveOrder, uploadAttachment } from '../api/orders';
import type { Order, OrderCard } from '../types';
import type { ChangeQueue, QueuedChange } from './queue.svelte';

/** How soon a screen tries its queue again after the server gave no answer. */
export const RETRY_MS = 10_000;

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

/** What a change's answer says of the versions of what it changed, to send the next one on. */
type Sent = { card: OrderCard | null; order: Order | null };

/** Sends one queued change as it was made, with its key: applied once however often it is sent. */
export async function sendQueued(change: QueuedChange): Promise<Sent> {
	if (change.kind === 'move') {
		const { stage, afterId, version } = change;
		const { card } = await moveOrder(change.orderId, { stage, afterId, version }, change.key);
		return { card, order: null };
	}
	if (change.kind === 'upload') {
		const { order } = await uploadAttachment(
			change.orderId,
			change.meta,
			change.file,
			() => {},
			change.key
		);
		return { card: null, order };
	}
	const { order } = await changeOrder(
		change.orderId,
		change.method,
		change.path,
		change.body,
		change.key
	);
	return { card: null, order };
}

/** The thing a change is checked against by its version: the order's card, a stone, an item. */
function versionedThing(change: QueuedChange): string | null {
	if (change.kind === 'move') return `order:${change.orderId}`;
	if (change.kind !== 'request') return null;
	const match = /^\/(stones|items)\/(\d+)/.exec(change.path);
	const body = change.body as { version?: unknown } | undefined;
	return match && typeof body?.version === 'number' ? `${match[1]}:${match[2]}` : null;
}

/** The versions an answer gives of what later changes may be checked against. */
function versionsIn(sent: Sent, orderId: number): [string, number][] {
	const found: [string, number][] = [];
	if (sent.card) found.push([`order:${orderId}`, sent.card.version]);
	if (sent.order) {
		found.push([`order:${orderId}`, sent.order.version]);
		for (const stone of sent.order.stones) found.push([`stones:${stone.id}`, stone.version]);
		for (const item of sent.order.items) found.push([`items:${item.id}`, item.version]);
	}
	return found;
}

/** The change as it goes out now: checked against the version an earlier change of ours made. */
function onVersion(change: QueuedChange, version: number): QueuedChange {
	if (change.kind === 'move') return { ...change, version };
	if (change.kind === 'request')
		return { ...change, body: { ...(change.body as object), version } };
	return change;
}

/**
 * A change someone else overtook, as the person now wants it applied anyway: checked against what
 * is there now (the order's version, or its stone's or item's), under a key of its own, since it
 * is a new decision. Null when what it changed is gone (a stone removed meanwhile).
 */
export function againOn(change: QueuedChange, order: Order, key: string): QueuedChange | null {
	const thing = versionedThing(change);
	if (!thing) return { ...change, key };
	const [kind, id] = thing.split(':');
	const things = kind === 'stones' ? order.stones : kind === 'items' ? order.items : [order];
	const now = things.find((one) => one.id === Number(id));
	return now ? { ...onVersion(change, now.version), key } : null;
}

/**
 * Sends queued changes one at a time, in the order they were made, each with its own key (so one
 * that did reach the server before is not applied twice). A change the server refuses is taken out
 * of the queue and reported; a network failure stops the run, keeping that change and the rest.
 */
export async function replay(
	items: readonly QueuedChange[],
	send: (change: QueuedChange) => Promise<Sent>,
	done: (change: QueuedChange) => Promise<void>,
	/** A change about to go out on a newer version than it was queued with: kept so, first. */
	revise: (change: QueuedChange) => Promise<void> = async () => {}
): Promise<ReplayResult> {
	const outcomes: Outcome[] = [];
	// Two offline changes to one thing (a card moved twice, a stone received then set): the
	// second is checked against the version the first one made, not the one both were made on.
	const versions = new Map<string, number>();
	for (const queued of items) {
		// A card whose earlier move was overtaken: its later moves stood on that one. One report
		// per card, naming where the person last put it.
		const overtaken = outcomes.find(
			(outcome) =>
				outcome.kind === 'conflict' &&
				outcome.change.kind === 'move' &&
				queued.kind === 'move' &&
				outcome.change.orderId === queued.orderId
		);
		if (overtaken) {
			overtaken.change = queued;
			await done(queued);
			continue;
		}
		let change = queued;
		const thing = versionedThing(change);
		const version = thing ? versions.get(thing) : undefined;
		if (version !== undefined) {
			change = onVersion(change, version);
			await revise(change);
		}
		let outcome: Outcome;
		try {
			const sent = await send(change);
			for (const [key, value] of versionsIn(sent, change.orderId)) versions.set(key, value);
			outcome = { kind: 'applied', change, card: sent.card };
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
		// One tab at a time sends a person's queue, and reads it as it is then.
		return await oneTabAtATime(queue.name, async () => {
			await queue.refresh();
			return replay(
				[...queue.items],
				sendQueued,
				(change) => queue.remove(change),
				(change) => queue.replace(change)
			);
		});
	} finally {
		queue.sending = false;
	}
}

/** Web Locks where the browser has them (every current one does, on https and localhost). */
function oneTabAtATime<T>(name: string, work: () => Promise<T>): Promise<T> {
	const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
	return locks ? locks.request(name, work) : work();
}
