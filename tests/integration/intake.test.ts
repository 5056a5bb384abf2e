import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderEvent } from '../../src/lib/events';
import type { Actor } from '../../src/lib/server/events';
import { createOrder, getOrder } from '../../src/lib/server/orders';
import type { StartedServices } from '../../src/lib/server/start';
import { refusalChecker } from '../helpers/commands';
import { backends } from '../helpers/services';

/** A new order taken in at the counter in one request: the customer's stone and a deposit with it. */
describe.each(backends)('intake in one request on $name', (backend) => {
	let services: StartedServices;
	const published: OrderEvent[] = [];
	const people: Record<'staff' | 'bench', Actor> = {} as never;

	beforeAll(async () => {
		services = await backend.start();
		services.bus.subscribe((event) => published.push(event));
		for (const [role, name] of [
			['staff', 'Priya Shah'],
			['bench', 'Elena Novak']
		] as const) {
			const [user] = await services.db.sql<{ id: number }[]>`
				insert into users (username, display_name, role)
				values (${role + '-intake'}, ${name}, ${role}) returning id`;
			people[role] = { id: user.id, name, role };
		}
	});
	afterAll(() => services?.stop());

	const heirloom = {
		role: 'center',
		source: 'customer',
		gem: 'Old European cut diamond',
		carats: 1.12,
		declaredValueCents: 450000,
		state: 'received'
	};
	const sapphires = { role: 'side', source: 'store', gem: 'Sapphire', count: 2, carats: 0.4 };
	const order = (extra: object) => ({
		customer: { givenName: 'Sofia', familyName: 'Lindqvist', phone: '(555) 018-7100' },
		title: 'Reset of grandmother’s diamond in a platinum solitaire',
		quotedPriceCents: 320000,
		...extra
	});

	async function snapshot() {
		const [row] = await services.db.sql`
			select (select last_seq from event_counter) as seq,
				(select count(*)::int from orders) as orders,
				(select count(*)::int from customers) as customers,
				(select count(*)::int from stones) as stones,
				(select count(*)::int from payments) as payments,
				(select count(*)::int from customer_items) as items,
				(select count(*)::int from custody_handoffs) as handoffs`;
		return { ...row, published: published.length };
	}
	const refused = refusalChecker(snapshot);

	it('creates the order, its stones, the custody of the customer’s stone and the deposit, each with its event', async () => {
		const from = published.length;
		const { card, seq } = await createOrder(
			services,
			people.staff,
			order({
				stones: [heirloom, sapphires],
				deposit: { amountCents: 160000, method: 'card', note: 'Half at the counter' }
			})
		);
		const events = published.slice(from);
		expect(events.map((event) => event.type)).toEqual([
			'customer.created',
			'order.created',
			'stone.added',
			'stone.added',
			'payment.recorded'
		]);
		expect(seq).toBe(events.at(-1)!.seq);
		expect(events.slice(1).every((event) => event.orderId === card.id)).toBe(true);
		// The card the dialog gets back already shows the customer's stone.
		expect(card.customerStones).toBe(1);

		const record = await getOrder(services.db.sql, people.staff, card.id);
		expect(record.stones.map((stone) => [stone.gem, stone.source, stone.state])).toEqual([
			['Old European cut diamond', 'customer', 'received'],
			['Sapphire', 'store', 'expected']
		]);
		expect(record.items).toHaveLength(1);
		expect(record.items[0]).toMatchObject({
			stoneId: record.stones[0].id,
			weight: 1.12,
			weightUnit: 'ct',
			declaredValueCents: 450000,
			holder: { kind: 'person', id: people.staff.id, name: 'Priya Shah' }
		});
		expect(record.money?.payments).toEqual([
			expect.objectContaining({
				kind: 'deposit',
				amountCents: 160000,
				method: 'card',
				note: 'Half at the counter'
			})
		]);
		expect(record.money?.balanceCents).toBe(160000);
	});

	it('a bad stone or deposit creates nothing and names the field', async () => {
		for (const [extra, field] of [
			[{ stones: [heirloom, { ...sapphires, carats: -1 }] }, 'stones[1].carats'],
			[{ stones: [{ ...heirloom, gem: '' }] }, 'stones[0].gem'],
			[{ stones: [{ ...heirloom, vendorId: 1 }] }, 'stones[0].vendorId'],
			[{ stones: [{ ...sapphires, colour: 'blue', weight: 3 }] }, 'stones[0].weight'],
			[{ stones: [{ ...sapphires, vendorId: 99999 }] }, 'stones[0].vendorId'],
			[{ stones: heirloom }, 'stones'],
			[{ stones: [heirloom], deposit: { amountCents: 0, method: 'card' } }, 'deposit.amountCents'],
			[{ deposit: { amountCents: 5000, method: 'bitcoin' } }, 'deposit.method'],
			[{ deposit: { amountCents: 5000, method: 'cash', kind: 'refund' } }, 'deposit.kind'],
			[{ deposit: { amountCents: 5000, method: 'cash', paidOn: '2026-02-30' } }, 'deposit.paidOn']
		] as const) {
			const error = await refused(() => createOrder(services, people.staff, order(extra)));
			expect(error.status).toBe(400);
			expect(error.details.field).toBe(field);
			expect(error.message.startsWith(`${field} `)).toBe(true);
		}
	});

	it('a stone the database refuses takes the order and the customer back with it', async () => {
		// A vendor that does not exist is only found inside the transaction, after the order is in.
		const error = await refused(() =>
			createOrder(
				services,
				people.staff,
				order({
					stones: [heirloom, { ...sapphires, vendorId: 424242 }],
					deposit: { amountCents: 5000, method: 'cash' }
				})
			)
		);
		expect(error.details.field).toBe('stones[1].vendorId');
	});

	it('a role that may not take payments is refused the deposit, and nothing is created', async () => {
		const error = await refused(() =>
			createOrder(
				services,
				people.bench,
				order({ quotedPriceCents: undefined, deposit: { amountCents: 5000, method: 'cash' } })
			)
		);
		expect(error.status).toBe(403);
	});
});
