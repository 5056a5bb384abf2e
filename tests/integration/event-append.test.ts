import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/lib/server/commands';
import { appendEvent, type Actor } from '../../src/lib/server/events';
import { createOrder } from '../../src/lib/server/orders';
import { backends } from '../helpers/services';

describe.each(backends)('appending an event on $name', (backend) => {
	it('keeps its generic plan to its own insert: the rest of the transaction is planned as PostgreSQL chooses', async () => {
		const services = await backend.start();
		try {
			const owner: Actor = { id: services.shopActor.id, name: 'Avery Stone', role: 'owner' };
			const { card } = await createOrder(services, owner, {
				customer: { givenName: 'Hannah', familyName: 'Okafor' },
				title: 'Ring for Hannah'
			});
			const { result: planning, seq } = await runCommand(services, async (tx) => {
				const event = await appendEvent(tx, card.id, 'order.updated', owner, {
					before: { title: card.title },
					after: { title: 'Ring for Hannah, resized', version: card.version + 1 }
				});
				// A statement after it, in the same transaction, is planned as PostgreSQL chooses.
				const [{ planCacheMode }] = await tx<{ planCacheMode: string }[]>`show plan_cache_mode`;
				return { result: planCacheMode, event };
			});
			expect(planning).toBe('auto');
			const [{ type }] = await services.db.sql<{ type: string }[]>`
				select type from order_events where seq = ${seq}`;
			expect(type).toBe('order.updated');
		} finally {
			await services.stop();
		}
	});
});
