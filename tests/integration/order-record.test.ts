import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addBlocker, resolveBlocker } from '../../src/lib/server/blockers';
import type { Actor } from '../../src/lib/server/events';
import { createOrder, getOrder, moveOrder, updateOrder } from '../../src/lib/server/orders';
import { pickUpOrder } from '../../src/lib/server/release';
import { recordPayment } from '../../src/lib/server/payments';
import { addStone, removeStone, updateStone } from '../../src/lib/server/stones';
import { addVendorJob, updateVendorJob } from '../../src/lib/server/vendor-jobs';
import { createVendor, listVendors } from '../../src/lib/server/vendors';
import {
	findDuplicates,
	getCustomerProfile,
	listCustomers,
	updateCustomer
} from '../../src/lib/server/customers';
import { search } from '../../src/lib/server/search';
import { screenEvent, maskEvent } from '../../src/lib/masking';
import type { StartedServices } from '../../src/lib/server/start';
import type { OrderEvent } from '../../src/lib/events';
import { oneEventChecker, refusalChecker } from '../helpers/commands';
import { backends } from '../helpers/services';

describe.each(backends)('the whole order on $name', (backend) => {
	let services: StartedServices;
	const published: OrderEvent[] = [];
	let owner: Actor;
	let bench: Actor;
	let dealer: number;
	let caster: number;

	beforeAll(async () => {
		services = await backend.start();
		services.bus.subscribe((event) => published.push(event));
		owner = services.shopActor;
		const [user] = await services.db.sql<{ id: number }[]>`
			insert into users (username, display_name, role) values ('elena', 'Elena Novak', 'bench')
			returning id`;
		bench = { id: user.id, name: 'Elena Novak', role: 'bench' };
		dealer = (
			await createVendor(services.db.sql, owner, { name: 'Meridian Diamonds', kind: 'stones' })
		).id;
		caster = (
			await createVendor(services.db.sql, owner, {
				name: 'Pacific Casting House',
				kind: 'casting',
				phone: '555-0301'
			})
		).id;
	});
	afterAll(() => services?.stop());

	/** Everything a refused command must leave as it was. */
	async function snapshot() {
		const [row] = await services.db.sql`
			select (select last_seq from event_counter) as seq,
				(select count(*)::int from stones) as stones,
				(select count(*)::int from payments) as payments,
				(select count(*)::int from blockers) as blockers,
				(select count(*)::int from vendor_jobs) as jobs,
				(select coalesce(sum(version), 0)::int from orders) as versions,
				(select coalesce(sum(version), 0)::int from stones) as stone_versions`;
		return row;
	}

	const refused = refusalChecker(snapshot);

	const oneEvent = (work: () => Promise<unknown>) => oneEventChecker(services, published)(work);

	const newOrder = (extra: object = {}) =>
		createOrder(services, owner, {
			customer: { givenName: 'Sofia', familyName: 'Lindqvist', phone: '(555) 018-7000' },
			title: 'Reset heirloom ring into a bezel solitaire',
			pieceType: 'remount',
			dueDate: '2026-12-18',
			...extra
		}).then(({ card }) => card);

	it('takes in the piece as promised and keeps notes and price out of what screens receive', async () => {
		const card = await newOrder({
			metal: '14k yellow gold',
			sizeValue: 'M½',
			sizeScale: 'UK',
			occasion: 'Anniversary on Dec 20',
			quotedPriceCents: 165000,
			designNotes: 'Bezel, knife-edge shank'
		});
		expect(card).toMatchObject({ pieceType: 'remount', occasion: 'Anniversary on Dec 20' });
		const created = published.at(-1)!;
		expect(created.type).toBe('order.created');
		expect(created.payload.detail?.after).toMatchObject({
			quotedPriceCents: 165000,
			designNotes: 'Bezel, knife-edge shank'
		});
		expect(JSON.stringify(screenEvent(created))).not.toContain('165000');
		expect(JSON.stringify(maskEvent(created))).not.toContain('knife-edge');

		const edited = await oneEvent(() =>
			updateOrder(services, owner, card.id, {
				version: card.version,
				title: 'Reset heirloom ring, bezel solitaire',
				finish: 'Satin',
				quotedPriceCents: 170000
			})
		);
		expect(edited.type).toBe('order.updated');
		expect(edited.payload.after).toEqual({
			title: 'Reset heirloom ring, bezel solitaire',
			version: card.version + 1
		});
		expect(edited.payload.detail).toEqual({
			before: { finish: null, quotedPriceCents: 165000 },
			after: { finish: 'Satin', quotedPriceCents: 170000 }
		});
		const order = await getOrder(services.db.sql, owner, card.id);
		expect(order).toMatchObject({
			metal: '14k yellow gold',
			sizeValue: 'M½',
			sizeScale: 'UK',
			finish: 'Satin',
			money: { quotedPriceCents: 170000, balanceCents: 170000, currency: 'USD' }
		});
	});

	it('refuses a size that does not read on its scale, naming the field', async () => {
		const card = await newOrder();
		for (const [input, field, message] of [
			[{ sizeValue: '6.3', sizeScale: 'US' }, 'sizeValue', /quarter sizes/],
			[{ sizeValue: '6.5' }, 'sizeScale', /is required with a size/],
			[{ sizeValue: '12', sizeScale: 'EU' }, 'sizeValue', /38 to 76/],
			[{ quotedPriceCents: 12.5 }, 'quotedPriceCents', /whole number of cents/],
			[{ pieceType: 'tiara' }, 'pieceType', /engagement_ring/]
		] as const) {
			const error = await refused(() =>
				updateOrder(services, owner, card.id, { version: card.version, ...input })
			);
			expect(error.details.field).toBe(field);
			expect(error.message).toMatch(message);
		}
	});

	it("marks the customer's own stones on the card and guards them", async () => {
		const card = await newOrder();
		const added = await oneEvent(() =>
			addStone(services, owner, card.id, {
				role: 'center',
				source: 'customer',
				gem: 'Diamond',
				shape: 'old European',
				carats: 1.05,
				declaredValueCents: 600000,
				state: 'received'
			})
		);
		expect(added.type).toBe('stone.added');
		expect(added.payload.after).toEqual({ customerStones: 1 });
		expect(JSON.stringify(screenEvent(added))).not.toContain('600000');

		// A store stone has no declared value; a customer's stone no vendor.
		const wrongValue = await refused(() =>
			addStone(services, owner, card.id, {
				role: 'side',
				source: 'store',
				gem: 'Diamond',
				declaredValueCents: 1000
			})
		);
		expect(wrongValue.details.field).toBe('declaredValueCents');
		const unknownVendor = await refused(() =>
			addStone(services, owner, card.id, {
				role: 'side',
				source: 'store',
				gem: 'Diamond',
				vendorId: 99999
			})
		);
		expect(unknownVendor.details.field).toBe('vendorId');
		expect(
			(
				await refused(() =>
					addStone(services, owner, card.id, {
						role: 'side',
						source: 'store',
						gem: 'Diamond',
						carats: 0.1234
					})
				)
			).details.field
		).toBe('carats');

		let [stone] = (await getOrder(services.db.sql, owner, card.id)).stones;
		expect(stone).toMatchObject({ carats: 1.05, declaredValueCents: 600000, state: 'received' });

		// At the bench: the state, nothing else, and no values.
		const benchView = await getOrder(services.db.sql, bench, card.id);
		expect(benchView.stones[0].declaredValueCents).toBeNull();
		expect(benchView.money).toBeNull();
		expect(benchView.customer.phone).toBeNull();
		expect(
			(
				await refused(() =>
					updateStone(services, bench, card.id, stone.id, { version: stone.version, carats: 1.1 })
				)
			).status
		).toBe(403);
		await updateStone(services, bench, card.id, stone.id, { version: stone.version, state: 'set' });
		[stone] = (await getOrder(services.db.sql, owner, card.id)).stones;
		expect(stone).toMatchObject({ state: 'set', version: 2 });

		// A stale version is a conflict, not an overwrite.
		const stale = await refused(() =>
			updateStone(services, owner, card.id, stone.id, { version: 1, colour: 'H' })
		);
		expect(stale.status).toBe(409);

		// The customer's stone, in the shop, cannot simply vanish from the record.
		const vanish = await refused(() =>
			removeStone(services, owner, card.id, stone.id, { version: stone.version })
		);
		expect(vanish.status).toBe(409);
		const returned = await oneEvent(() =>
			updateStone(services, owner, card.id, stone.id, { version: stone.version, state: 'returned' })
		);
		expect(returned.payload.after).toEqual({ customerStones: 0 });
		expect(returned.payload.detail).toEqual({
			before: { id: stone.id, state: 'set' },
			after: { id: stone.id, state: 'returned' }
		});

		const sourced = await oneEvent(() =>
			addStone(services, owner, card.id, {
				role: 'side',
				source: 'store',
				vendorId: dealer,
				gem: 'Diamond',
				shape: 'baguette',
				count: 2,
				carats: 0.3,
				certLab: 'GIA',
				certNumber: '2141438765'
			})
		);
		const sourcedStone = (await getOrder(services.db.sql, owner, card.id)).stones.find(
			(entry) => entry.source === 'store'
		)!;
		expect(sourcedStone).toMatchObject({
			vendorName: 'Meridian Diamonds',
			state: 'expected',
			count: 2
		});
		expect(sourced.payload.after).toEqual({});
		await removeStone(services, owner, card.id, sourcedStone.id, { version: 1 });
		expect((await getOrder(services.db.sql, owner, card.id)).stones).toHaveLength(1);
	});

	it('computes the balance from the quote, deposits, payments and refunds in cents', async () => {
		const card = await newOrder({ quotedPriceCents: 480000 });
		await recordPayment(services, owner, card.id, {
			kind: 'deposit',
			amountCents: 240000,
			method: 'card',
			paidOn: '2026-11-02'
		});
		await recordPayment(services, owner, card.id, {
			kind: 'payment',
			amountCents: 100001,
			method: 'cash'
		});
		const refund = await oneEvent(() =>
			recordPayment(services, owner, card.id, {
				kind: 'refund',
				amountCents: 1,
				method: 'cash',
				note: 'Rounded in her favour'
			})
		);
		expect(refund.type).toBe('payment.recorded');
		expect(screenEvent(refund).payload).not.toHaveProperty('detail');
		const { money } = await getOrder(services.db.sql, owner, card.id);
		expect(money).toMatchObject({
			quotedPriceCents: 480000,
			paidCents: 340000,
			balanceCents: 140000
		});
		expect(money!.payments.map((payment) => payment.takenBy)).toEqual(['Shop', 'Shop', 'Shop']);

		for (const [input, field] of [
			[{ kind: 'deposit', amountCents: 0, method: 'card' }, 'amountCents'],
			[{ kind: 'deposit', amountCents: 99.5, method: 'card' }, 'amountCents'],
			[{ kind: 'deposit', amountCents: -5, method: 'card' }, 'amountCents'],
			[{ kind: 'tip', amountCents: 500, method: 'card' }, 'kind'],
			[{ kind: 'deposit', amountCents: 500, method: 'bitcoin' }, 'method']
		] as const) {
			expect(
				(await refused(() => recordPayment(services, owner, card.id, input))).details.field
			).toBe(field);
		}
		expect(
			(
				await refused(() =>
					recordPayment(services, bench, card.id, {
						kind: 'payment',
						amountCents: 500,
						method: 'cash'
					})
				)
			).status
		).toBe(403);
	});

	it('shows the first open blocker on the card, and the next once it is resolved', async () => {
		const card = await newOrder();
		const first = await oneEvent(() =>
			addBlocker(services, bench, card.id, { description: 'Center stone from dealer' })
		);
		expect(first.payload.after).toEqual({ firstBlocker: 'Center stone from dealer' });
		const second = await oneEvent(() =>
			addBlocker(services, owner, card.id, { description: 'Customer approval of CAD' })
		);
		expect(second.payload.after).toEqual({});
		const [open] = (await getOrder(services.db.sql, owner, card.id)).blockers;
		expect(open).toMatchObject({
			description: 'Center stone from dealer',
			createdBy: 'Elena Novak',
			resolvedAt: null
		});
		const resolved = await oneEvent(() => resolveBlocker(services, bench, card.id, open.id));
		expect(resolved.payload.after).toEqual({ firstBlocker: 'Customer approval of CAD' });
		expect((await refused(() => resolveBlocker(services, owner, card.id, open.id))).status).toBe(
			409
		);
		expect(
			(await refused(() => addBlocker(services, owner, card.id, { description: '  ' }))).details
				.field
		).toBe('description');
		const blockers = (await getOrder(services.db.sql, owner, card.id)).blockers;
		expect(blockers.map((blocker) => [blocker.description, blocker.resolvedBy])).toEqual([
			['Customer approval of CAD', null],
			['Center stone from dealer', 'Elena Novak']
		]);
	});

	it('records outside work at a vendor, from sent to received', async () => {
		const card = await newOrder();
		await addVendorJob(services, owner, card.id, {
			vendorId: caster,
			description: 'Resin print for casting, 14k yellow',
			sentOn: '2026-11-20',
			expectedOn: '2026-11-27',
			costCents: 24000
		});
		let [job] = (await getOrder(services.db.sql, owner, card.id)).vendorJobs;
		expect(job).toMatchObject({
			vendorName: 'Pacific Casting House',
			costCents: 24000,
			receivedOn: null
		});
		expect((await getOrder(services.db.sql, bench, card.id)).vendorJobs[0].costCents).toBeNull();
		expect(
			(
				await refused(() =>
					updateVendorJob(services, owner, card.id, job.id, {
						version: 1,
						receivedOn: '2026-11-19'
					})
				)
			).details.field
		).toBe('receivedOn');
		const received = await oneEvent(() =>
			updateVendorJob(services, owner, card.id, job.id, { version: 1, receivedOn: '2026-11-26' })
		);
		expect(received.payload.detail).toEqual({
			before: { id: job.id, receivedOn: null },
			after: { id: job.id, receivedOn: '2026-11-26' }
		});
		[job] = (await getOrder(services.db.sql, owner, card.id)).vendorJobs;
		expect(job).toMatchObject({ receivedOn: '2026-11-26', version: 2 });
		expect((await listVendors(services.db.sql, bench)).map((vendor) => vendor.name)).toContain(
			'Pacific Casting House'
		);
		expect(
			(
				await refused(() =>
					createVendor(services.db.sql, owner, { name: 'meridian diamonds', kind: 'stones' })
				)
			).status
		).toBe(409);
	});

	it('keeps archived orders as history: nothing inside them changes', async () => {
		const card = await newOrder();
		const ready = (
			await moveOrder(services, owner, card.id, {
				stage: 'ready',
				afterId: null,
				version: card.version
			})
		).card;
		(await pickUpOrder(services, owner, card.id, { version: ready.version })).card;
		expect(
			(await refused(() => addBlocker(services, owner, card.id, { description: 'Anything' })))
				.status
		).toBe(409);
		expect(
			(
				await refused(() =>
					recordPayment(services, owner, card.id, {
						kind: 'payment',
						amountCents: 100,
						method: 'cash'
					})
				)
			).status
		).toBe(409);
	});

	it('finds customers and orders by name, phone digits, email, number and certificate', async () => {
		const card = (
			await createOrder(services, owner, {
				customer: {
					givenName: 'Ethan',
					familyName: 'Cho',
					phone: '+1 (555) 015-5123',
					email: 'Ethan.Cho@example.com'
				},
				title: 'Emerald-cut sapphire ring with side baguettes',
				pieceType: 'engagement_ring'
			})
		).card;
		await addStone(services, owner, card.id, {
			role: 'center',
			source: 'store',
			gem: 'Sapphire',
			certLab: 'GIA',
			certNumber: 'GIA-7777-ABC'
		});
		expect(
			(await listCustomers(services.db.sql, owner, { q: 'eth ch' })).map((c) => c.familyName)
		).toEqual(['Cho']);
		expect((await listCustomers(services.db.sql, owner, { q: '555.015.5123' }))[0]).toMatchObject({
			familyName: 'Cho',
			openOrders: 1
		});
		expect(
			await findDuplicates(services.db.sql, owner, { email: 'ethan.cho@EXAMPLE.com' })
		).toHaveLength(1);
		expect(await findDuplicates(services.db.sql, owner, { phone: '15550155123' })).toHaveLength(1);
		expect(await findDuplicates(services.db.sql, owner, { phone: '555-0000' })).toHaveLength(0);

		const byNumber = await search(services.db.sql, owner, { q: card.number.toLowerCase() });
		expect(byNumber.orders[0]).toMatchObject({ id: card.id, matched: 'order number' });
		const byCert = await search(services.db.sql, owner, { q: 'gia-7777-abc' });
		expect(byCert.orders).toEqual([
			expect.objectContaining({ id: card.id, matched: 'certificate GIA GIA-7777-ABC' })
		]);
		const byPiece = await search(services.db.sql, owner, { q: 'side baguettes' });
		expect(byPiece.orders.map((order) => order.id)).toEqual([card.id]);
		const byPhone = await search(services.db.sql, owner, { q: '015-5123' });
		expect(byPhone.orders[0]).toMatchObject({ id: card.id, matched: 'phone' });
		// Bench never finds people by phone, nor sees customer records.
		expect((await search(services.db.sql, bench, { q: '015-5123' })).orders).toEqual([]);
		expect((await search(services.db.sql, bench, { q: 'Cho' })).customers).toEqual([]);
		expect((await search(services.db.sql, owner, { q: '100%_' })).orders).toEqual([]);
		expect((await refused(() => search(services.db.sql, owner, { q: '' }))).details.field).toBe(
			'q'
		);
	});

	it('renames a customer on every board card of theirs, and lists their items in the store', async () => {
		const card = await newOrder();
		await addStone(services, owner, card.id, {
			role: 'center',
			source: 'customer',
			gem: 'Ruby',
			carats: 1.3,
			declaredValueCents: 280000,
			state: 'received'
		});
		const renamed = await oneEvent(() =>
			updateCustomer(services, owner, card.customerId, {
				familyName: 'Lindqvist-Berg',
				ringSizes: 'US 6 (right), 6.25 (left)'
			})
		);
		expect(renamed).toMatchObject({
			type: 'customer.updated',
			orderId: null,
			customerId: card.customerId
		});
		expect(renamed.payload.after).toEqual({
			customerName: 'Sofia Lindqvist-Berg',
			customerShortName: 'Sofia L.'
		});
		expect(maskEvent(renamed).payload.after).toEqual({
			customerName: 'Sofia L.',
			customerShortName: 'Sofia L.'
		});
		const profile = await getCustomerProfile(services.db.sql, owner, card.customerId);
		expect(profile.customer).toMatchObject({
			familyName: 'Lindqvist-Berg',
			ringSizes: 'US 6 (right), 6.25 (left)'
		});
		expect(profile.orders.map((order) => order.id)).toContain(card.id);
		expect(profile.itemsInStore).toEqual([
			expect.objectContaining({
				description: expect.stringContaining('Ruby'),
				weight: 1.3,
				weightUnit: 'ct',
				holder: expect.objectContaining({ kind: 'place', name: 'Safe' }),
				orderNumber: card.number,
				declaredValueCents: 280000
			})
		]);
		// The bench is told why, in the words its page shows.
		for (const read of [
			() => getCustomerProfile(services.db.sql, bench, card.customerId),
			() => listCustomers(services.db.sql, bench)
		]) {
			const refusal = await refused(read);
			expect([refusal.status, refusal.message]).toEqual([
				403,
				'Customer profiles are for the front counter.'
			]);
		}
		expect(
			(
				await refused(() =>
					updateCustomer(services, owner, card.customerId, { email: 'not-an-email' })
				)
			).details.field
		).toBe('email');
	});

	it('refuses to release a piece while the customer’s own stone is still in the store', async () => {
		const card = await newOrder();
		await addStone(services, owner, card.id, {
			role: 'center',
			source: 'customer',
			gem: 'Diamond',
			declaredValueCents: 150000,
			state: 'set'
		});
		const ready = (
			await moveOrder(services, owner, card.id, {
				stage: 'ready',
				afterId: null,
				version: card.version
			})
		).card;
		const held = await refused(() =>
			pickUpOrder(services, owner, card.id, { version: ready.version })
		);
		expect(held.status).toBe(409);
		expect(held.message).toMatch(/not confirmed: Center stone: Diamond/);
		const [stone] = (await getOrder(services.db.sql, owner, card.id)).stones;
		await updateStone(services, owner, card.id, stone.id, {
			version: stone.version,
			state: 'returned'
		});
		const released = await oneEvent(() =>
			pickUpOrder(services, owner, card.id, { version: ready.version })
		);
		expect(released.payload.after).toMatchObject({
			stage: 'picked_up',
			stageEnteredAt: expect.any(String)
		});
	});

	it('an edit that changes nothing writes nothing, and a conflict shows bench no money', async () => {
		const card = await newOrder();
		await addStone(services, owner, card.id, {
			role: 'center',
			source: 'customer',
			gem: 'Ruby',
			declaredValueCents: 280000,
			state: 'received'
		});
		const [stone] = (await getOrder(services.db.sql, owner, card.id)).stones;
		const before = await snapshot();
		await updateStone(services, bench, card.id, stone.id, { version: 1, state: 'received' });
		expect(await snapshot()).toEqual(before);
		await updateStone(services, owner, card.id, stone.id, { version: 1, state: 'set' });
		const stale = await refused(() =>
			updateStone(services, bench, card.id, stone.id, { version: 1, state: 'returned' })
		);
		expect(stale.status).toBe(409);
		expect(stale.details.current).toMatchObject({ state: 'set', declaredValueCents: null });
		expect(JSON.stringify(stale.details.current)).not.toContain('280000');
	});

	it('reads a size on its scale whichever half changes, and names the missing half', async () => {
		const card = await newOrder({ sizeValue: '53', sizeScale: 'EU' });
		const wrong = await refused(() =>
			updateOrder(services, owner, card.id, { version: card.version, sizeScale: 'US' })
		);
		expect(wrong.details.field).toBe('sizeValue');
		expect(wrong.message).toMatch(/US size from 0 to 16/);
		(await updateOrder(services, owner, card.id, { version: card.version, sizeValue: '54' })).card;
		expect(await getOrder(services.db.sql, owner, card.id)).toMatchObject({
			sizeValue: '54',
			sizeScale: 'EU',
			lastChangedBy: 'Shop'
		});
		const half = await refused(() =>
			updateOrder(services, owner, card.id, { version: card.version + 1, sizeScale: null })
		);
		expect(half).toMatchObject({
			message: 'sizeScale is required with a size (US, UK, EU, in or cm)'
		});
	});

	it('finds a duplicate phone written with or without the country code', async () => {
		(
			await createOrder(services, owner, {
				customer: { givenName: 'Nora', familyName: 'Lindqvist', phone: '+1 555 0134' },
				title: 'Resize signet ring'
			})
		).card;
		const same = await findDuplicates(services.db.sql, owner, { phone: '555-0134' });
		expect(same.map((customer) => customer.familyName)).toEqual(['Lindqvist']);
		const longer = await findDuplicates(services.db.sql, owner, { phone: '001 1 555 0134' });
		expect(longer.map((customer) => customer.familyName)).toEqual(['Lindqvist']);
	});
});
