import type { OrderEventType } from './events';
import { UNDO_WINDOW_MS } from './words/vocabulary';

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
