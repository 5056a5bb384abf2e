import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readHealth } from '../../src/lib/server/health';
import { createOrder } from '../../src/lib/server/orders';
import type { StartedServices } from '../../src/lib/server/start';
import { backends } from '../helpers/services';

describe.each(backends)('the health report on $name', (backend) => {
	let services: StartedServices;
	beforeAll(async () => (services = await backend.start()));
	afterAll(() => services?.stop());

	it('counts the outbox by state, the open screens and names the version', async () => {
		const card = (
			await createOrder(services, services.shopActor, {
				customer: { givenName: 'Nell', familyName: 'Okafor' },
				title: 'Pearl drop earrings'
			})
		).card;
		const [{ customerId }] = await services.db.sql<{ customerId: number }[]>`
			select customer_id from orders where id = ${card.id}`;
		for (const [status, attempts] of [
			['queued', 0],
			['queued', 2],
			['sending', 1],
			['failed', 5],
			['sent', 1]
		] as const)
			await services.db.sql`
				insert into notifications (order_id, customer_id, kind, subject, body, idempotency_key,
					status, attempts, created_by)
				values (${card.id}, ${customerId}, 'message', 'Hello', 'Hello', gen_random_uuid(),
					${status}, ${attempts}, ${services.shopActor.id})`;
		services.connectedScreens = () => ({ board: 3, display: 1 });

		const health = await readHealth(services);
		expect(health).toMatchObject({
			ok: true,
			seq: expect.any(Number),
			outbox: { queued: 1, retrying: 2, failed: 1 },
			screens: { board: 3, display: 1 },
			build: { version: JSON.parse(fs.readFileSync('package.json', 'utf8')).version }
		});
		expect(health.seq).toBeGreaterThan(0);
	});
});
