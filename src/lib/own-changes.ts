import type { OrderEvent, OrderEventType } from './types';
import { UNDO_WINDOW_MS } from './vocabulary';

/** How long the "Undo" offer stays after a move or a save (the server allows longer). */
export const UNDO_OFFER_MS = 15_000;

/** The changes a person may take back, as the server's undo allows them. */
const UNDOABLE: readonly OrderEventType[] = ['order.moved', 'order.updated'];

/** A change as both an event and a history entry describe it. */
export interface ChangeFacts {
	type: OrderEventType;
	actorId: number;
	/** ISO time of the change. */
	at: string;
	undoOf?: number;
}

/**
 * Whether the viewer may still take a change back: their own move or edit, not itself an undo,
 * younger than the window. Only the order's latest change qualifies; the caller knows which that is.
 */
export function mayUndo(change: ChangeFacts, viewerId: number, now = Date.now()): boolean {
	return (
		change.actorId === viewerId &&
		UNDOABLE.includes(change.type) &&
		change.undoOf === undefined &&
		now - Date.parse(change.at) < UNDO_WINDOW_MS
	);
}

interface Answer<T> {
	orderId: number;
	type: OrderEventType;
	version: number;
	value: T;
}

/** How many unpaired halves are kept: a screen's own writes are a handful at a time. */
const KEEP = 20;

/**
 * Pairs a move or an edit sent from this screen with its event. The server's answer gives the
 * order's new version; the event, which carries the seq an undo names, comes over the socket
 * before or after the answer. Each call returns the pair once both halves are known.
 */
export class OwnChanges<T> {
	#viewerId: number;
	#events: OrderEvent[] = [];
	#answers: Answer<T>[] = [];

	constructor(viewerId: number) {
		this.#viewerId = viewerId;
	}

	/** An event from the socket, anyone's: the viewer's undoable ones are kept until paired. */
	heard(event: OrderEvent): { seq: number; value: T } | null {
		const version = event.payload.after?.version;
		if (event.orderId === null || version === undefined) return null;
		if (
			event.actor.id !== this.#viewerId ||
			!UNDOABLE.includes(event.type) ||
			event.payload.undoOf !== undefined
		)
			return null;
		const index = this.#answers.findIndex(
			(answer) =>
				answer.orderId === event.orderId && answer.type === event.type && answer.version === version
		);
		if (index < 0) {
			this.#events = [...this.#events.slice(1 - KEEP), event];
			return null;
		}
		const [answer] = this.#answers.splice(index, 1);
		return { seq: event.seq, value: answer.value };
	}

	/** The server took a move or an edit of ours: the order is now at `version`. */
	answered(
		orderId: number,
		type: OrderEventType,
		version: number,
		value: T
	): { seq: number; value: T } | null {
		const index = this.#events.findIndex(
			(event) =>
				event.orderId === orderId && event.type === type && event.payload.after.version === version
		);
		if (index < 0) {
			this.#answers = [...this.#answers.slice(1 - KEEP), { orderId, type, version, value }];
			return null;
		}
		const [event] = this.#events.splice(index, 1);
		return { seq: event.seq, value };
	}
}
