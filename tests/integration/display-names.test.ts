import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskEvent } from '../../src/lib/masking';
import { updateCustomer } from '../../src/lib/server/customers';
import type { Actor } from '../../src/lib/server/events';
import { createOrder } from '../../src/lib/server/orders';
import { getBoard } from '../../src/lib/server/board';
import type { StartedServices } from '../../src/lib/server/start';
import type { OrderEvent } from '../../src/lib/events';
import { backends } from '../helpers/services';

/** A wall display shows the given name and the family name's initial, made from the two fields. */
const NAMES: [given: string, family: string, shown: string][] = [
	['Ottilie', 'Vantrelle Ospwick', 'Ottilie V.'],
	['Mary Ann', 'de la Cruz', 'Mary Ann D.'],
	['Anouk', 'van der Berg', 'Anouk V.'],
	['Hannah', 'Okafor-Reid', 'Hannah O.'],
	['Liam', "O'Connor", 'Liam O.'],
	['Gerard', "'t Hooft", 'Gerard T.'],
	['Zoë', 'ångström', 'Zoë Å.'],
	['太郎', '山田', '太郎 山.'],
	['Андрей', 'Иванов', 'Андрей И.']
];

describe.each(backends)('names on a wall display on $name', (backend) => {
	let services: StartedServices;
	const display: Actor = { id: 0, name: 'Workshop TV', role: 'display' };
	const published: OrderEvent[] = [];
	beforeAll(async () => {
		services = await backend.start();
		services.bus.subscribe((event) => published.push(event));
	});
	afterAll(() => services?.stop());

	it.each(NAMES)(
		'%s / %s shows as %s on the board and in the events',
		async (given, family, shown) => {
			const card = (
				await createOrder(services, services.shopActor, {
					customer: { givenName: given, familyName: family },
					title: 'Wedding band, 18k white gold'
				})
			).card;
			const board = await getBoard(services.db.sql, display);
			expect(board.orders.find((o) => o.id === card.id)?.customerName).toBe(shown);
			const created = published.find((e) => e.orderId === card.id)!;
			const masked = maskEvent(created);
			expect(masked.type === 'order.created' && masked.payload.after.customerName).toBe(shown);
			expect(JSON.stringify(maskEvent(created))).not.toContain(family);
		}
	);

	it('a name of one word stays whole, and a family name alone is its initial', async () => {
		const rows = await services.db.sql<{ shown: string }[]>`
			select customer_short_name(given, family) as shown
			from (values ('Cher', ''), ('  Cher ', null), ('', 'Bennett'), ('Ada', '--')) n (given, family)`;
		expect(rows.map((r) => r.shown)).toEqual(['Cher', 'Cher', 'B.', 'Ada']);
	});

	it('a rename reaches the display as the new given name and initial only', async () => {
		const card = (
			await createOrder(services, services.shopActor, {
				customer: { givenName: 'Ottilie', familyName: 'Bennett' },
				title: 'Pendant from heirloom diamond'
			})
		).card;
		await updateCustomer(services, services.shopActor, card.customerId, {
			familyName: 'Vantrelle Ospwick'
		});
		const renamed = published.at(-1)!;
		expect(renamed.type).toBe('customer.updated');
		const masked = maskEvent(renamed);
		if (masked.type !== 'customer.updated') throw new Error(`heard ${masked.type}`);
		expect(masked.payload.before?.customerName).toBe('Ottilie B.');
		expect(masked.payload.after.customerName).toBe('Ottilie V.');
		expect(JSON.stringify(masked)).not.toMatch(/Vantrelle|Ospwick|Bennett/);
		const board = await getBoard(services.db.sql, display);
		expect(board.orders.find((o) => o.id === card.id)?.customerName).toBe('Ottilie V.');
	});
});
