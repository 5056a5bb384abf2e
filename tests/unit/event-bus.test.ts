import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventBus, HOLD_MS, type EventLog } from '../../src/lib/server/bus';
import type { OrderEvent } from '../../src/lib/events';

function event(seq: number): OrderEvent {
	return {
		seq,
		orderId: 1,
		customerId: null,
		type: 'order.updated',
		actor: { id: 1, name: 'Sam Ortiz' },
		at: '2026-12-05T12:00:00.000Z',
		payload: { before: { version: seq }, after: { version: seq + 1 } }
	};
}

/** A log holding events 1..`last`, counting how often it is read. */
function logUpTo(last: number, lastSeq = 0): EventLog & { reads: number } {
	const log = {
		lastSeq,
		reads: 0,
		async after(seq: number) {
			log.reads++;
			return Array.from({ length: Math.max(0, last - seq) }, (_, i) => event(seq + i + 1));
		}
	};
	return log;
}

function listen(bus: EventBus): number[] {
	const seen: number[] = [];
	bus.subscribe((e) => seen.push(e.seq));
	return seen;
}

afterEach(() => vi.useRealTimers());

describe('the event bus', () => {
	it('hands events to screens in seq order, whatever order their commits resolved in', () => {
		const log = logUpTo(5);
		const bus = new EventBus(log);
		const seen = listen(bus);
		for (const seq of [2, 3, 1, 5, 4]) bus.publish(event(seq));
		expect(seen).toEqual([1, 2, 3, 4, 5]);
		expect(log.reads).toBe(0);
		bus.close();
	});

	it('starts after what was committed before it, and never hands out an event twice', () => {
		const bus = new EventBus(logUpTo(12, 10));
		const seen = listen(bus);
		bus.publish(event(9));
		bus.publish(event(11));
		bus.publish(event(11));
		bus.publish(event(12));
		expect(seen).toEqual([11, 12]);
		bus.close();
	});

	it('reads a predecessor nobody published from the log after a short wait, then goes on in order', async () => {
		vi.useFakeTimers();
		const log = logUpTo(3);
		const bus = new EventBus(log);
		const seen = listen(bus);
		bus.publish(event(2));
		bus.publish(event(3));
		expect(seen).toEqual([]);
		await vi.advanceTimersByTimeAsync(HOLD_MS - 1);
		expect(seen).toEqual([]);
		await vi.advanceTimersByTimeAsync(1);
		expect(seen).toEqual([1, 2, 3]);
		expect(bus.readFromLog).toBe(1);
		// Its late publisher changes nothing.
		bus.publish(event(1));
		expect(seen).toEqual([1, 2, 3]);
		bus.close();
	});

	it('keeps trying when the log cannot be read, and loses nothing', async () => {
		vi.useFakeTimers();
		vi.spyOn(console, 'error').mockImplementation(() => {});
		const log = logUpTo(2);
		let failures = 2;
		const bus = new EventBus({
			lastSeq: 0,
			after: (seq) =>
				failures-- > 0 ? Promise.reject(new Error('connection lost')) : log.after(seq)
		});
		const seen = listen(bus);
		bus.publish(event(2));
		await vi.advanceTimersByTimeAsync(HOLD_MS * 3);
		expect(seen).toEqual([1, 2]);
		bus.close();
	});

	it('reads an event another process committed from the log at once, in order, once', async () => {
		const log = logUpTo(3);
		const bus = new EventBus(log);
		const seen = listen(bus);
		bus.committed(2, false);
		await vi.waitFor(() => expect(seen).toEqual([1, 2, 3]));
		// A late announcement, or the same event published again, changes nothing.
		bus.committed(3, false);
		bus.publish(event(3));
		expect(seen).toEqual([1, 2, 3]);
		expect(log.reads).toBe(1);
		bus.close();
	});

	it('waits for its own announced event to be published rather than reading it twice', async () => {
		vi.useFakeTimers();
		const log = logUpTo(1);
		const bus = new EventBus(log);
		const seen = listen(bus);
		bus.committed(1, true);
		bus.publish(event(1));
		await vi.advanceTimersByTimeAsync(HOLD_MS * 2);
		expect(seen).toEqual([1]);
		expect(log.reads).toBe(0);
		bus.close();
	});

	it('reads its own announced event from the log when its publisher never comes', async () => {
		vi.useFakeTimers();
		const log = logUpTo(1);
		const bus = new EventBus(log);
		const seen = listen(bus);
		bus.committed(1, true);
		await vi.advanceTimersByTimeAsync(HOLD_MS);
		expect(seen).toEqual([1]);
		bus.close();
	});

	it('looks again when a commit is announced while the log is being read', async () => {
		let last = 1;
		let release: () => void = () => {};
		const gate = new Promise<void>((resolve) => (release = resolve));
		const bus = new EventBus({
			lastSeq: 0,
			async after(seq) {
				const upTo = last; // what this read's snapshot holds
				await gate;
				return Array.from({ length: Math.max(0, upTo - seq) }, (_, i) => event(seq + i + 1));
			}
		});
		const seen = listen(bus);
		bus.committed(1, false);
		last = 2;
		bus.committed(2, false); // committed after the first read took its snapshot
		release();
		await vi.waitFor(() => expect(seen).toEqual([1, 2]));
		bus.close();
	});

	it('catches up on everything committed while it was not listening', async () => {
		const bus = new EventBus(logUpTo(4, 1));
		const seen = listen(bus);
		bus.catchUp();
		await vi.waitFor(() => expect(seen).toEqual([2, 3, 4]));
		// Caught up: later events come as before.
		bus.publish(event(5));
		expect(seen).toEqual([2, 3, 4, 5]);
		bus.close();
	});

	it('hands ended sessions and notices to its own listeners and relays them, but not what it receives', () => {
		const bus = new EventBus(logUpTo(0));
		const relayed: unknown[] = [];
		const ended: string[][] = [];
		bus.relayTo((message) => relayed.push(message));
		bus.onSessionsEnded((ids) => ended.push(ids));
		bus.endSessions(['a']);
		bus.receive({ kind: 'ended', sessionIds: ['b'] });
		expect(ended).toEqual([['a'], ['b']]);
		expect(relayed).toEqual([{ kind: 'ended', sessionIds: ['a'] }]);
	});
});
