import { expect, test } from './fixtures';
import type { CardAnswer } from '../../src/lib/api/answers';
import { API, bodyOf, createOrder, eventsAfter, healthSeq } from './api-helpers';

/**
 * Over HTTP, as a bench screen replays what it queued offline (issue #20): a change sent again
 * with its Idempotency-Key is applied once and answered the same; the key said again with another
 * change is refused, naming the header.
 */
test('a move sent twice with one Idempotency-Key is applied once and answered the same', async ({
	request
}) => {
	const card = await createOrder(request);
	const before = await healthSeq(request);
	const key = `bench-${crypto.randomUUID()}`;
	const send = (stage: string) =>
		request.post(`${API}/orders/${card.id}/move`, {
			headers: { 'Idempotency-Key': key },
			data: { stage, afterId: null, version: card.version }
		});

	const first = await send('design');
	const moved = await bodyOf<CardAnswer>(first, 200);
	expect(first.headers()['idempotent-replayed']).toBeUndefined();
	const again = await send('design');
	expect(again.headers()['idempotent-replayed']).toBe('true');
	expect(await bodyOf<CardAnswer>(again, 200)).toEqual(moved);

	const { events } = await eventsAfter(request, before);
	expect(events.filter((event) => event.orderId === card.id)).toHaveLength(1);

	const reused = await send('casting');
	expect(reused.status()).toBe(422);
	expect((await reused.json()).error).toMatchObject({
		code: 'key_reused',
		field: 'Idempotency-Key'
	});
	const bad = await request.post(`${API}/orders/${card.id}/move`, {
		headers: { 'Idempotency-Key': 'no spaces!' },
		data: { stage: 'casting', afterId: null, version: moved.card.version }
	});
	expect(bad.status()).toBe(400);
	expect((await bad.json()).error.field).toBe('Idempotency-Key');
	expect((await eventsAfter(request, before)).events).toHaveLength(1);
});
