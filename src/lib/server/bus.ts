import type { DisplayOptions } from '../display-options';
import type { StageThresholds } from '../aging';
import type { ShopProfile } from '../shop';
import type { WipLimits } from '../wip';
import { isEvent, type OrderEvent, type OrderEventType } from '../events';
import { log } from './log';

/** News for open screens that is not an order's event: new settings, a display's new options. */
export type ScreenNotice =
	| { type: 'settings'; stageThresholds: StageThresholds }
	| { type: 'wip'; limits: WipLimits }
	| { type: 'shop'; profile: ShopProfile }
	| { type: 'display'; displayId: number; options: DisplayOptions };

/**
 * What one process tells the others besides events: sessions that ended, notices, and that the
 * database began again (the demo made way for the shop's own).
 */
export type Relayed =
	| { kind: 'ended'; sessionIds: string[] }
	| { kind: 'notice'; notice: ScreenNotice }
	| { kind: 'restarted' };

type Listener = (event: OrderEvent) => void;

/** The committed log, where the bus looks for an event that nobody in this process published. */
export interface EventLog {
	/** The newest seq committed when the bus starts: everything up to it is history already. */
	lastSeq: number;
	/** Committed events after `seq`, in seq order (a page of them). */
	after(seq: number): Promise<OrderEvent[]>;
}

/** How long an event waits for the one before it before that one is read from the log. */
export const HOLD_MS = 50;

/**
 * Fans committed events out to this process's listeners (the socket.io rooms), in seq order and
 * each once. Commands publish when their own commit resolves, which under load is not seq order:
 * an event waits here until the one before it is out. A predecessor this process never publishes
 * (a publisher that failed) is read from the log after HOLD_MS, so screens see a gap only after a
 * real loss, and the log stays the one source of truth. Events committed by other processes over
 * the same PostgreSQL are announced by the database (`committed`, see bus-relay.ts) and read from
 * the log in order: the log is the bus between processes, and a lost announcement costs latency,
 * never an event.
 */
export class EventBus {
	#listeners = new Set<Listener>();
	#log: EventLog;
	/** The last seq handed to the listeners. */
	#published: number;
	#held = new Map<number, OrderEvent>();
	#hold: ReturnType<typeof setTimeout> | undefined;
	#reading = false;
	/** A commit was announced while the log was being read: it may not be in what the read saw. */
	#announced = false;
	/** The newest seq known to be committed: published here, or announced by the database. */
	#committed: number;
	/** How many events came from the log because their publisher was late or absent. */
	readFromLog = 0;

	constructor(log: EventLog) {
		this.#log = log;
		this.#published = log.lastSeq;
		this.#committed = log.lastSeq;
	}

	/**
	 * The database says event `seq` committed (LISTEN/NOTIFY, see `listenForCommits`). Another
	 * process's event is read from the log at once; this process's own (`mine`) is about to be
	 * published here, so it is read only if that has not happened within HOLD_MS.
	 */
	committed(seq: number, mine: boolean): void {
		if (seq <= this.#published) return;
		this.#committed = Math.max(this.#committed, seq);
		if (this.#reading) {
			this.#announced = true; // the running read looks once more
			return;
		}
		if (!mine) {
			clearTimeout(this.#hold);
			void this.#readMissing();
		} else if (!this.#hold) {
			this.#hold = setTimeout(() => void this.#readMissing(), HOLD_MS);
		}
	}

	/** Reads whatever committed since the last event out: after a lost connection to the database. */
	catchUp(): void {
		this.committed(Number.MAX_SAFE_INTEGER, false);
	}

	/** Whether events are known to be committed that have not reached the listeners yet. */
	get #behind(): boolean {
		return this.#held.size > 0 || this.#committed > this.#published;
	}

	publish(event: OrderEvent): void {
		if (event.seq <= this.#published) return; // already out, read from the log meanwhile
		this.#committed = Math.max(this.#committed, event.seq);
		this.#held.set(event.seq, event);
		this.#releaseInOrder();
		if (this.#behind && !this.#hold && !this.#reading) {
			this.#hold = setTimeout(() => void this.#readMissing(), HOLD_MS);
		}
	}

	subscribe(listener: Listener): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/** Listens to the events of `types` only, each with its own payload type. */
	on<T extends OrderEventType>(
		types: readonly T[],
		listener: (event: OrderEvent<T>) => void
	): () => void {
		return this.subscribe((event) => {
			if (isEvent(event, ...types)) listener(event);
		});
	}

	/**
	 * The log began again (the demo made way for the shop's own database): the next event is the
	 * one after `lastSeq`, and nothing held from the old log may come out.
	 */
	restart(lastSeq: number): void {
		this.close();
		this.#published = lastSeq;
		this.#committed = lastSeq;
	}

	/** Stops waiting for missing events (the process is closing). */
	close(): void {
		clearTimeout(this.#hold);
		this.#hold = undefined;
		this.#held.clear();
	}

	#releaseInOrder(): void {
		let next: OrderEvent | undefined;
		while ((next = this.#held.get(this.#published + 1))) {
			this.#held.delete(next.seq);
			this.#deliver(next);
		}
		if (!this.#behind) {
			clearTimeout(this.#hold);
			this.#hold = undefined;
		}
	}

	async #readMissing(): Promise<void> {
		this.#hold = undefined;
		this.#reading = true;
		try {
			while (this.#behind) {
				this.#announced = false;
				const events = await this.#log.after(this.#published);
				const before = this.#published;
				for (const event of events) {
					if (event.seq !== this.#published + 1) continue;
					const own = this.#held.get(event.seq);
					this.#held.delete(event.seq);
					if (!own) this.readFromLog++;
					this.#deliver(own ?? event);
				}
				this.#releaseInOrder();
				if (this.#published === before) {
					if (this.#announced) continue;
					// Nothing more in the log: a catch-up is done; a held event waits and looks again.
					this.#committed = this.#published;
					break;
				}
			}
		} catch (error) {
			log.error({ err: error }, 'could not read missing events from the log');
		} finally {
			this.#reading = false;
			if (this.#behind && !this.#hold) {
				this.#hold = setTimeout(() => void this.#readMissing(), HOLD_MS);
			}
		}
	}

	#deliver(event: OrderEvent): void {
		this.#published = event.seq;
		for (const listener of this.#listeners) {
			try {
				listener(event);
			} catch (error) {
				log.error({ seq: event.seq, err: error }, 'event listener failed');
			}
		}
	}

	#endedListeners = new Set<(sessionIds: string[]) => void>();
	#noticeListeners = new Set<(notice: ScreenNotice) => void>();
	#relay: ((message: Relayed) => void) | null = null;

	/** Passes ended sessions and screen notices on to the other processes too (bus-relay.ts). */
	relayTo(relay: (message: Relayed) => void): void {
		this.#relay = relay;
	}

	/** Sessions that ended (sign-out, disabled account, revoked display): their sockets must close. */
	endSessions(sessionIds: string[]): void {
		if (sessionIds.length === 0) return;
		this.receive({ kind: 'ended', sessionIds });
		this.#relay?.({ kind: 'ended', sessionIds });
	}

	onSessionsEnded(listener: (sessionIds: string[]) => void): () => void {
		this.#endedListeners.add(listener);
		return () => this.#endedListeners.delete(listener);
	}

	notifyScreens(notice: ScreenNotice): void {
		this.receive({ kind: 'notice', notice });
		this.#relay?.({ kind: 'notice', notice });
	}

	onScreenNotice(listener: (notice: ScreenNotice) => void): () => void {
		this.#noticeListeners.add(listener);
		return () => this.#noticeListeners.delete(listener);
	}

	#restartListeners = new Set<() => void>();

	/**
	 * The database began again with an empty log (leaving the demo): every process's bus starts over
	 * at seq 0, and what each process keeps of the old database (sessions, the setup's state, open
	 * screens) is let go by its listeners.
	 */
	announceRestart(): void {
		this.receive({ kind: 'restarted' });
		this.#relay?.({ kind: 'restarted' });
	}

	onRestarted(listener: () => void): () => void {
		this.#restartListeners.add(listener);
		return () => this.#restartListeners.delete(listener);
	}

	/** Hands an ended session, a notice or a restart to this process's listeners only. */
	receive(message: Relayed): void {
		if (message.kind === 'ended') {
			for (const listener of this.#endedListeners) listener(message.sessionIds);
		} else if (message.kind === 'notice') {
			for (const listener of this.#noticeListeners) listener(message.notice);
		} else {
			this.restart(0);
			for (const listener of this.#restartListeners) listener();
		}
	}
}
