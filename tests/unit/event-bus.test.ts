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
});
