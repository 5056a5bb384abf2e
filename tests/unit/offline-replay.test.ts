import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/lib/api/client';
import type { QueuedMove } from '../../src/lib/offline/queue.svelte';
import { replay } from '../../src/lib/offline/replay';
import type { OrderCard } from '../../src/lib/types';

const move = (orderId: number): QueuedMove => ({
	kind: 'move',
	key: `key-${orderId}`,
	orderId,
	number: `CO-${1000 + orderId}`,
	from: 'intake',
	version: 1,
	stage: 'design',
	afterId: null,
	queuedAt: '2026-12-06T10:00:00.000Z'
});
const cardOf = (id: number) => ({ id, stage: 'design', version: 2 }) as OrderCard;

/** Sends the queue against answers given per order: a card, or an error to throw. */
async function run(items: QueuedMove[], answers: Record<number, OrderCard | Error>) {
	const sent: number[] = [];
	const removed: string[] = [];
	const result = await replay(
		items,
		async (item) => {
			sent.push(item.orderId);
			const answer = answers[item.orderId];
			if (answer instanceof Error) throw answer;
			return { card: answer, order: null };
		},
		async (item) => void removed.push(item.key)
	);
	return { result, sent, removed };
}

describe('sending what waited offline', () => {
	it('sends every change in the order it was made and takes each out of the queue', async () => {
		const { result, sent, removed } = await run([move(1), move(2), move(3)], {
			1: cardOf(1),
			2: cardOf(2),
			3: cardOf(3)
		});
		expect(sent).toEqual([1, 2, 3]);
		expect(removed).toEqual(['key-1', 'key-2', 'key-3']);
		expect(result.outcomes.map((o) => o.kind)).toEqual(['applied', 'applied', 'applied']);
	});

	it('stops at a change with no answer and keeps it and the rest for the next try', async () => {
		const { result, sent, removed } = await run([move(1), move(2), move(3)], {
			1: cardOf(1),
			2: new ApiError(0, 'offline', 'The server did not answer.'),
			3: cardOf(3)
		});
		expect(sent).toEqual([1, 2]);
		expect(removed).toEqual(['key-1']);
		expect(result.stalled).toBe(true);
	});

	it('reports a change someone overtook with the card as it is, and goes on with the rest', async () => {
		const current = { ...cardOf(2), stage: 'setting' } as OrderCard;
		const { result, removed } = await run([move(1), move(2), move(3)], {
			1: cardOf(1),
			2: new ApiError(409, 'conflict', 'CO-1002 was changed by someone else', null, current),
			3: cardOf(3)
		});
		expect(removed).toEqual(['key-1', 'key-2', 'key-3']);
		expect(result.outcomes[1]).toMatchObject({ kind: 'conflict', current });
		expect(result.stalled).toBe(false);
	});

	it('takes a change the server already applied as applied', async () => {
		const { result } = await run([move(1)], {
			1: new ApiError(409, 'already_applied', 'This change was already applied')
		});
		expect(result.outcomes).toEqual([{ kind: 'applied', change: move(1), card: null }]);
	});

	it('sends nothing more once the session has ended', async () => {
		const { result, sent, removed } = await run([move(1), move(2)], {
			1: new ApiError(401, 'unauthenticated', 'Sign in first'),
			2: cardOf(2)
		});
		expect(sent).toEqual([1]);
		expect(removed).toEqual([]);
		expect(result.signedOut).toBe(true);
	});

	it('sends a card’s second offline move on the version its first one made', async () => {
		const versions: number[] = [];
		const revised: number[] = [];
		const again = { ...move(1), key: 'key-1b', stage: 'casting' as const };
		await replay(
			[move(1), again],
			async (item) => {
				versions.push((item as QueuedMove).version);
				return { card: { ...cardOf(1), version: 7 }, order: null };
			},
			async () => {},
			async (item) => void revised.push((item as QueuedMove).version)
		);
		expect(versions).toEqual([1, 7]);
		expect(revised).toEqual([7]);
	});
});
