import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/lib/server/events';
import { createOrder } from '../../src/lib/server/orders';
import type { StartedServices } from '../../src/lib/server/start';
import { listMessages, sendMessage } from '../../src/lib/server/updates/outbox';
import { updateMessageSettings } from '../../src/lib/server/updates/message-settings';
import { readCustomerStatus, readStatusToken } from '../../src/lib/server/updates/status-link';
import { backends } from '../helpers/services';

// Issue #23: what a customer reads names the store the piece is picked up at; the brand stays the shop's.
describe.each(backends)('the pickup store in customer words on $name', (backend) => {
	let services: StartedServices;
	let owner: Actor;
	let staff: Actor;
	let orderId: number;
	let token: string;

	beforeAll(async () => {
		services = await backend.start({ publicUrl: 'https://shop.example' });
		const sql = services.db.sql;
		await sql`
			update settings set shop_name = 'Lindqvist & Daughters', address = '1 Main St
Springfield', phone = '555-0100', opening_hours = 'Monday to Friday, 9 to 5'`;
		const [a, s] = await sql<{ id: number }[]>`
			insert into users (username, display_name, role)
			values ('avery', 'Avery Stone', 'owner'), ('sam', 'Sam Ortiz', 'staff') returning id`;
		owner = { id: a.id, name: 'Avery Stone', role: 'owner' };
		staff = { id: s.id, name: 'Sam Ortiz', role: 'staff' };
		await updateMessageSettings(services, owner, {
			templates: {
				message: {
					subject: 'About your {piece}',
					body: 'At {pickupStore} | {pickupAddress} | {pickupHours} | open {openingHours}'
				}
			}
		});
		const created = await createOrder(services, staff, {
			customer: { givenName: 'Olivia', familyName: 'Bennett', email: 'olivia@customer-mail.net' },
			title: 'Oval solitaire',
			pieceType: 'engagement_ring'
		});
		orderId = created.card.id;
		token = (await readStatusToken(sql, orderId))!;
	});
	afterAll(() => services?.stop());

	/** The newest message's body, after staff send one of their own. */
	async function messageBody() {
		await sendMessage(services, staff, orderId, { kind: 'message', message: 'Hello' });
		return (await listMessages(services, staff, orderId))[0].body;
	}

	it('with one location the customer reads the shop, as before', async () => {
		const status = await readCustomerStatus(services.db.sql, token);
		expect(status).toMatchObject({
			shopName: 'Lindqvist & Daughters',
			openingHours: 'Monday to Friday, 9 to 5',
			pickup: null
		});
		expect(await messageBody()).toBe(
			'At Lindqvist & Daughters | 1 Main St, Springfield | Monday to Friday, 9 to 5 | ' +
				'open Monday to Friday, 9 to 5\n1 Main St\nSpringfield\n555-0100'
		);
	});

	it("an order picked up at a second store shows that store's name, address and hours", async () => {
		const sql = services.db.sql;
		const [harbor] = await sql<{ id: number }[]>`
			insert into locations (name, kind, address, phone, hours)
			values ('Harbor store', 'store', '12 Quay St
Harbourton', '555-0142', 'Tue–Sat 10–6') returning id`;
		await sql`update orders set pickup_location_id = ${harbor.id} where id = ${orderId}`;

		const status = await readCustomerStatus(sql, token);
		expect(status).toMatchObject({
			// The brand stays the shop's.
			shopName: 'Lindqvist & Daughters',
			openingHours: 'Tue–Sat 10–6',
			pickup: {
				name: 'Harbor store',
				address: '12 Quay St\nHarbourton',
				phone: '555-0142',
				hours: 'Tue–Sat 10–6'
			}
		});
		expect(await messageBody()).toBe(
			'At Harbor store | 12 Quay St, Harbourton | Tue–Sat 10–6 | open Tue–Sat 10–6\n' +
				'Harbor store\n12 Quay St\nHarbourton\n555-0142'
		);
	});

	it("a store that left a field empty gives the shop's in its place", async () => {
		const sql = services.db.sql;
		const [plain] = await sql<{ id: number }[]>`
			insert into locations (name, kind) values ('Mall kiosk', 'store') returning id`;
		await sql`update orders set pickup_location_id = ${plain.id} where id = ${orderId}`;
		const status = await readCustomerStatus(sql, token);
		expect(status?.pickup).toEqual({
			name: 'Mall kiosk',
			address: '1 Main St\nSpringfield',
			phone: '555-0100',
			hours: 'Monday to Friday, 9 to 5'
		});
		expect(await messageBody()).toContain('At Mall kiosk | 1 Main St, Springfield |');
	});
});
