import type { DisplayOptions } from '../display-options';
import type { StageThresholds } from '../aging';
import type { OrderEvent } from '../types';

/** News for open screens that is not an order's event: new settings, a display's new options. */
export type ScreenNotice =
	| { type: 'settings'; stageThresholds: StageThresholds }
	| { type: 'display'; displayId: number; options: DisplayOptions };

type Listener = (event: OrderEvent) => void;

/**
 * Fans committed events out to this process's listeners (the socket.io rooms). Embedded mode has
 * one process, so this is the whole fan-out; several processes on a PostgreSQL server will add
 * LISTEN/NOTIFY behind the same interface.
 */
export class EventBus {
	#listeners = new Set<Listener>();

	publish(event: OrderEvent): void {
		for (const listener of this.#listeners) {
			try {
				listener(event);
			} catch (error) {
				console.error('event listener failed', { seq: event.seq, error });
			}
		}
	}

	subscribe(listener: Listener): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	#endedListeners = new Set<(sessionIds: string[]) => void>();

	/** Sessions that ended (sign-out, disabled account, revoked display): their sockets must close. */
	endSessions(sessionIds: string[]): void {
		if (sessionIds.length === 0) return;
		for (const listener of this.#endedListeners) listener(sessionIds);
	}

	onSessionsEnded(listener: (sessionIds: string[]) => void): () => void {
		this.#endedListeners.add(listener);
		return () => this.#endedListeners.delete(listener);
	}

	#noticeListeners = new Set<(notice: ScreenNotice) => void>();

	notifyScreens(notice: ScreenNotice): void {
		for (const listener of this.#noticeListeners) listener(notice);
	}

	onScreenNotice(listener: (notice: ScreenNotice) => void): () => void {
		this.#noticeListeners.add(listener);
		return () => this.#noticeListeners.delete(listener);
	}
}
