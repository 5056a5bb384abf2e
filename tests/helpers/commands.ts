import { expect } from 'vitest';
import { DomainError } from '../../src/lib/server/errors';
import type { StartedServices } from '../../src/lib/server/start';
import type { OrderEvent } from '../../src/lib/events';

/**
 * `refused(work)`: the command must fail with a DomainError and leave `snapshot()` as it was (a
 * refusal changes nothing). Returns the error for its status and message.
 */
export function refusalChecker(snapshot: () => Promise<unknown> = async () => null) {
	return async function refused(work: () => Promise<unknown>): Promise<DomainError> {
		const before = await snapshot();
		const error = await work().then(
			() => undefined,
			(error: unknown) => error
		);
		expect(error).toBeInstanceOf(DomainError);
		expect(await snapshot()).toEqual(before);
		return error as DomainError;
	};
}

/** `oneEvent(work)`: the command appends exactly one event to the log, published once; returns it. */
export function oneEventChecker(services: StartedServices, published: OrderEvent[]) {
	const lastSeq = async () =>
		(await services.db.sql<{ lastSeq: number }[]>`select last_seq from event_counter`)[0].lastSeq;
	return async function oneEvent(work: () => Promise<unknown>): Promise<OrderEvent> {
		const from = published.length;
		const seqBefore = await lastSeq();
		await work();
		expect(await lastSeq()).toBe(seqBefore + 1);
		expect(published.length).toBe(from + 1);
		return published.at(-1)!;
	};
}
