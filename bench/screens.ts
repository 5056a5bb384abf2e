import { io, type Socket } from 'socket.io-client';
import type { OrderEvent } from '../src/lib/events';

type Waiter = { sentAt: number; remaining: number; done: (latencyMs: number) => void };

/**
 * N socket.io clients standing in for board screens. Each counts what it receives, so a run can
 * prove that no screen lost or got twice any event; `expect` times one event to its last screen.
 */
export class Screens {
	readonly sockets: Socket[] = [];
	readonly received: Set<number>[] = [];
	duplicated = 0;
	#waiters = new Map<string, Waiter>();
	#onEvent: ((screen: number, event: OrderEvent) => void) | undefined;

	/**
	 * `cookie` signs the screens in; the bare baseline takes none. `onEvent`, when given, also gets
	 * each event with the index of the screen that received it.
	 */
	static async connect(
		url: string,
		count: number,
		cookie?: string,
		onEvent?: (screen: number, event: OrderEvent) => void
	): Promise<Screens> {
		const screens = new Screens();
		screens.#onEvent = onEvent;
		for (let batch = 0; batch < count; batch += 50) {
			await Promise.all(
				Array.from({ length: Math.min(50, count - batch) }, () => screens.#connectOne(url, cookie))
			);
		}
		return screens;
	}

	#connectOne(url: string, cookie?: string): Promise<void> {
		const seen = new Set<number>();
		const index = this.received.push(seen) - 1;
		const socket = io(url, {
			transports: ['websocket'],
			forceNew: true,
			reconnection: false,
			...(cookie ? { extraHeaders: { cookie } } : {})
		});
		this.sockets.push(socket);
		const onEvent = (event: { seq: number; orderId?: number; payload?: OrderEvent['payload'] }) => {
			if (seen.has(event.seq)) this.duplicated++;
			else seen.add(event.seq);
			this.#onEvent?.(index, event as OrderEvent);
			const key = keyOf(event);
			const waiter = this.#waiters.get(key);
			if (waiter && --waiter.remaining === 0) {
				this.#waiters.delete(key);
				waiter.done(performance.now() - waiter.sentAt);
			}
		};
		socket.on('order:event', onEvent);
		return new Promise((resolve, reject) => {
			socket.once('connect', () => resolve());
			socket.once('connect_error', reject);
		});
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
		this.#waiters.clear();
	}

	close(): void {
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
