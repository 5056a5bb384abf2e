import { io, type Socket } from 'socket.io-client';
import type { OrderEvent } from '../src/lib/events';

type Waiter = { sentAt: number; remaining: number; done: (latencyMs: number) => void };

export interface ScreensOptions {
	/** Signs the screens in; the bare baseline takes none. */
	cookie?: string;
	/** Gets each event with the index of the screen that received it. */
	onEvent?: (screen: number, event: OrderEvent) => void;
	/**
	 * As a balancer would: when a screen's process goes away, the screen connects to the next
	 * address in the list (the one after its own), and `onReconnect` tells its board to catch up.
	 */
	failover?: { onReconnect: (screen: number) => void };
}

/**
 * N socket.io clients standing in for board screens, spread round-robin over one or more processes'
 * addresses. Each counts what it receives, so a run can prove that no screen lost, got twice or got
 * out of seq order any event; `expect` times one event to its last screen.
 */
export class Screens {
	readonly sockets: Socket[] = [];
	readonly received: Set<number>[] = [];
	/** The address each screen is connected to now. */
	readonly urls: string[] = [];
	duplicated = 0;
	/** Events that arrived after a later seq on the same screen. */
	reordered = 0;
	/** Reconnections after a process went away. */
	reconnects = 0;
	#newest: number[] = [];
	#waiters = new Map<string, Waiter>();
	#options: ScreensOptions = {};
	#addresses: string[] = [];
	#closed = false;

	static async connect(
		urls: string | string[],
		count: number,
		options: ScreensOptions = {}
	): Promise<Screens> {
		const screens = new Screens();
		screens.#options = options;
		screens.#addresses = typeof urls === 'string' ? [urls] : urls;
		for (let batch = 0; batch < count; batch += 50) {
			await Promise.all(
				Array.from({ length: Math.min(50, count - batch) }, (_, i) => {
					const index = batch + i;
					screens.received.push(new Set());
					screens.#newest.push(0);
					return screens.#connectOne(index, screens.#addresses[index % screens.#addresses.length]);
				})
			);
		}
		return screens;
	}

	#connectOne(index: number, url: string): Promise<void> {
		const { cookie, failover } = this.#options;
		const seen = this.received[index];
		const socket = io(url, {
			transports: ['websocket'],
			forceNew: true,
			reconnection: false,
			...(cookie ? { extraHeaders: { cookie } } : {})
		});
		this.sockets[index] = socket;
		this.urls[index] = url;
		const onEvent = (event: { seq: number; orderId?: number; payload?: OrderEvent['payload'] }) => {
			if (seen.has(event.seq)) this.duplicated++;
			else seen.add(event.seq);
			if (event.seq < this.#newest[index]) this.reordered++;
			this.#newest[index] = Math.max(this.#newest[index], event.seq);
			this.#options.onEvent?.(index, event as OrderEvent);
			const key = keyOf(event);
			const waiter = this.#waiters.get(key);
			if (waiter && --waiter.remaining === 0) {
				this.#waiters.delete(key);
				waiter.done(performance.now() - waiter.sentAt);
			}
		};
		socket.on('order:event', onEvent);
		if (failover) {
			socket.once('disconnect', () => {
				if (!this.#closed) void this.#failOver(index, url);
			});
		}
		return new Promise((resolve, reject) => {
			socket.once('connect', () => resolve());
			socket.once('connect_error', reject);
		});
	}

	/** Tries the following addresses in turn until one takes the screen, then it catches up. */
	async #failOver(index: number, from: string): Promise<void> {
		let at = this.#addresses.indexOf(from);
		for (let attempt = 0; attempt < 20 && !this.#closed; attempt++) {
			at = (at + 1) % this.#addresses.length;
			try {
				await this.#connectOne(index, this.#addresses[at]);
				this.reconnects++;
				this.#options.failover?.onReconnect(index);
				return;
			} catch {
				this.sockets[index].close();
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
		}
	}

	/**
	 * Resolves with the time from now until every screen has the event named by `key`, or NaN
	 * after 10 s (the screens that missed it show in `lost`).
	 */
	expect(key: string): { latency: Promise<number> } {
		const sentAt = performance.now();
		let done!: (latency: number) => void;
		const latency = new Promise<number>((resolve) => (done = resolve));
		const timer = setTimeout(() => {
			this.#waiters.delete(key);
			done(NaN);
		}, 10_000);
		this.#waiters.set(key, {
			sentAt,
			remaining: this.sockets.length,
			done: (value) => {
				clearTimeout(timer);
				done(value);
			}
		});
		return { latency };
	}

	/** Events each screen should have had (after `from`, up to `to`) and did not. */
	lost(from: number, to: number): number {
		let lost = 0;
		for (const seen of this.received)
			for (let seq = from + 1; seq <= to; seq++) if (!seen.has(seq)) lost++;
		return lost;
	}

	reset(): void {
		for (const seen of this.received) seen.clear();
		this.duplicated = 0;
		this.reordered = 0;
		this.#waiters.clear();
	}

	close(): void {
		this.#closed = true;
		for (const socket of this.sockets) socket.disconnect();
	}
}

/** An order's event is named by the order and the version it brings; the baseline's by its seq. */
export function keyOf(event: {
	seq: number;
	orderId?: number;
	payload?: OrderEvent['payload'];
}): string {
	const version = event.payload?.after?.version;
	return event.orderId !== undefined && version !== undefined
		? `${event.orderId}:${version}`
		: `seq:${event.seq}`;
}
