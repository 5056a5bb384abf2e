import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAttachment, removeAttachment } from '../../src/lib/server/attachments';
import { addBlocker, resolveBlocker } from '../../src/lib/server/blockers';
import { createCustomer, updateCustomer } from '../../src/lib/server/customers';
import { checkInItem, handOffItem, returnItem } from '../../src/lib/server/custody';
import { DomainError } from '../../src/lib/server/errors';
import type { Actor } from '../../src/lib/server/events';
import { getOrderHistory } from '../../src/lib/server/history';
import { createOrder, getOrder, moveOrder, updateOrder } from '../../src/lib/server/orders';
import { pickUpOrder } from '../../src/lib/server/release';
import { recordPayment } from '../../src/lib/server/payments';
import { addStone, updateStone } from '../../src/lib/server/stones';
import { undoChange } from '../../src/lib/server/undo';
import { addVendorJob, updateVendorJob } from '../../src/lib/server/vendor-jobs';
import { createVendor } from '../../src/lib/server/vendors';
import { shopFormat } from '../../src/lib/words/format';
import { historySentence } from '../../src/lib/words/history';
import type { StartedServices } from '../../src/lib/server/start';
import { backends } from '../helpers/services';

const usd = shopFormat({ locale: 'en-US', timeZone: 'America/New_York', currency: 'USD' });

describe.each(backends)('an order’s history on $name', (backend) => {
	let services: StartedServices;
	let avery: Actor;
	let sam: Actor;
	let morgan: Actor;
	let elena: Actor;
	let orderId: number;

	async function person(username: string, name: string, role: Actor['role']): Promise<Actor> {
		const [user] = await services.db.sql<{ id: number }[]>`
			insert into users (username, display_name, role) values (${username}, ${name}, ${role})
			returning id`;
		return { id: user.id, name, role };
	}

	beforeAll(async () => {
		services = await backend.start();
		avery = await person('avery', 'Avery Stone', 'owner');
		sam = await person('sam', 'Sam Ortiz', 'staff');
		morgan = await person('morgan', 'Morgan Lee', 'manager');
		elena = await person('elena', 'Elena Novak', 'bench');
		const caster = await createVendor(services.db.sql, avery, {
			name: 'Pacific Casting House',
			kind: 'casting'
		});
		const photo = await sharp({
			create: { width: 64, height: 48, channels: 3, background: '#b08d3c' }
		})
			.jpeg()
			.toBuffer();
		const version = async () => (await getOrder(services.db.sql, avery, orderId)).version;

		// A customer with an earlier order: their profile changes before this one is not its history.
		const customer = await createCustomer(services, sam, {
			givenName: 'Sofia',
			familyName: 'Lindqvist',
			phone: '555-0101'
		});
		await updateCustomer(services, sam, customer.id, { ringSizes: 'US 6.5' });

		const card = (
			await createOrder(services, sam, {
				customer: { id: customer.id },
				title: 'Oval solitaire in 14k yellow gold',
				pieceType: 'engagement_ring',
				dueDate: '2026-12-12',
				metal: '14k yellow gold',
				quotedPriceCents: 560000
			})
		).card;
		orderId = card.id;
		(await updateOrder(services, avery, orderId, { version: card.version, dueDate: '2026-12-15' }))
			.card;
		(
			await moveOrder(services, morgan, orderId, {
				stage: 'casting',
				afterId: null,
				version: await version()
			})
		).card;
		await addStone(services, sam, orderId, {
			role: 'center',
			source: 'customer',
			gem: 'Diamond',
			carats: 0.9,
			declaredValueCents: 450000,
			state: 'received'
		});
		const [stone] = (await getOrder(services.db.sql, avery, orderId)).stones;
		await updateStone(services, elena, orderId, stone.id, { version: stone.version, state: 'set' });
		await recordPayment(services, sam, orderId, {
			kind: 'deposit',
			amountCents: 280000,
			method: 'card'
		});
		await addBlocker(services, elena, orderId, { description: 'Side stones from dealer' });
		const [blocker] = (await getOrder(services.db.sql, avery, orderId)).blockers;
		await resolveBlocker(services, elena, orderId, blocker.id);
		await addAttachment(
			services,
			elena,
			orderId,
			new Response(photo as Uint8Array<ArrayBuffer>).body,
			{
				kind: 'progress',
				fileName: 'IMG_2041.jpg'
			}
		);
		await addVendorJob(services, sam, orderId, {
			vendorId: caster.id,
			description: 'Resin print',
			sentOn: '2026-11-02',
			costCents: 18000
		});
		const [job] = (await getOrder(services.db.sql, avery, orderId)).vendorJobs;
		await updateVendorJob(services, sam, orderId, job.id, {
			version: job.version,
			receivedOn: '2026-11-06'
		});
		(
			await updateOrder(services, avery, orderId, {
				version: await version(),
				quotedPriceCents: 580000
			})
		).card;
		await updateCustomer(services, sam, customer.id, { phone: '555-0199' });
		const [attachment] = (await getOrder(services.db.sql, avery, orderId)).attachments;
		await removeAttachment(services, avery, orderId, attachment.id);

		// Another order's changes are not this one's.
		const other = (
			await createOrder(services, sam, {
				customer: { givenName: 'Noah', familyName: 'Bennett' },
				title: 'Wedding band'
			})
		).card;
		await addBlocker(services, elena, other.id, { description: 'Not this order' });
	});
	afterAll(() => services?.stop());

	it('has one entry per command, oldest first, with who did it and what changed', async () => {
		const history = await getOrderHistory(services.db.sql, avery, orderId);
		expect(history.orderId).toBe(orderId);
		expect(history.number).toMatch(/^CO-\d+$/);
		const entries = history.entries;
		expect(entries.map((entry) => [entry.type, entry.actor, entry.kind])).toEqual([
			['order.created', 'Sam Ortiz', 'details'],
			['order.updated', 'Avery Stone', 'details'],
			['order.moved', 'Morgan Lee', 'stage'],
			['stone.added', 'Sam Ortiz', 'stones'],
			['stone.updated', 'Elena Novak', 'stones'],
			['payment.recorded', 'Sam Ortiz', 'money'],
			['blocker.added', 'Elena Novak', 'blockers'],
			['blocker.resolved', 'Elena Novak', 'blockers'],
			['attachment.added', 'Elena Novak', 'photos'],
			['vendor_job.added', 'Sam Ortiz', 'outside work'],
			['vendor_job.updated', 'Sam Ortiz', 'outside work'],
			['order.updated', 'Avery Stone', 'money'],
			['customer.updated', 'Sam Ortiz', 'customer'],
			['attachment.removed', 'Avery Stone', 'photos']
		]);
		const seqs = entries.map((entry) => entry.seq);
		expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
		expect(entries.every((entry) => !Number.isNaN(Date.parse(entry.at)))).toBe(true);

		expect(entries[1]).toMatchObject({
			before: { dueDate: '2026-12-12' },
			after: { dueDate: '2026-12-15' }
		});
		expect(entries[2]).toMatchObject({
			before: { stage: 'intake' },
			after: { stage: 'casting' }
		});
		expect(entries[4].detail).toMatchObject({
			before: { state: 'received' },
			after: { state: 'set' }
		});
		expect(entries[4].subject).toMatchObject({ role: 'center', gem: 'Diamond', carats: 0.9 });
		expect(entries[5].detail?.after).toMatchObject({ amountCents: 280000, method: 'card' });
		expect(entries[6].after).toEqual({ firstBlocker: 'Side stones from dealer' });
		expect(entries[11].detail).toEqual({
			before: { quotedPriceCents: 560000 },
			after: { quotedPriceCents: 580000 }
		});
		expect(entries[12].detail).toEqual({
			before: { phone: '555-0101' },
			after: { phone: '555-0199' }
		});

		const newest = await getOrderHistory(services.db.sql, avery, orderId, { newestFirst: true });
		expect(newest.entries.map((entry) => entry.seq)).toEqual([...seqs].reverse());
	});

	it('reads as sentences', async () => {
		const { entries } = await getOrderHistory(services.db.sql, avery, orderId);
		const lines = entries.map((entry) =>
			historySentence(entry, { format: usd, today: '2026-11-10' })
		);
		expect(lines).toEqual([
			'Sam Ortiz created the order',
			'Avery Stone changed the due date from Sat, Dec 12 to Tue, Dec 15',
			'Morgan Lee moved it from Intake to Casting',
			"Sam Ortiz added the customer's center stone (Diamond, 0.9 ct), declared at $4,500.00",
			"Elena Novak marked the customer's center stone (Diamond, 0.9 ct) set",
			'Sam Ortiz recorded a deposit of $2,800.00 (card)',
			'Elena Novak added a blocker: Side stones from dealer',
			'Elena Novak resolved: Side stones from dealer',
			'Elena Novak added a photo (IMG_2041.jpg)',
			'Sam Ortiz sent it to Pacific Casting House: Resin print (cost $180.00)',
			'Sam Ortiz got it back from Pacific Casting House: Resin print',
			'Avery Stone changed the quoted price from $5,600.00 to $5,800.00',
			"Sam Ortiz changed the customer's phone",
			'Avery Stone removed a photo (IMG_2041.jpg)'
		]);
	});

	it('shows a bench jeweler no prices, payments, declared values, costs or contact details', async () => {
		const { entries } = await getOrderHistory(services.db.sql, elena, orderId);
		const text = JSON.stringify(entries);
		for (const hidden of [
			'quotedPriceCents',
			'amountCents',
			'declaredValueCents',
			'costCents',
			'560000',
			'580000',
			'280000',
			'450000',
			'18000',
			'555-01'
		]) {
			expect(text).not.toContain(hidden);
		}
		const payment = entries.find((entry) => entry.type === 'payment.recorded')!;
		expect(payment.detail).toBeNull();
		expect(historySentence(payment, { format: usd })).toBe('Sam Ortiz recorded a payment');
		// A change to nothing but the price, or the phone, has nothing to show at the bench.
		expect(entries.map((entry) => entry.type)).not.toContain('customer.updated');
		expect(entries.filter((entry) => entry.type === 'order.updated')).toHaveLength(1);
		expect(entries.find((entry) => entry.type === 'stone.updated')?.detail).toMatchObject({
			after: { state: 'set' }
		});
	});

	it('tells where the customer’s items went, the release and an undo; the bench without values', async () => {
		const foundry = await createVendor(services.db.sql, avery, {
			name: 'Meridian Casting',
			kind: 'casting'
		});
		const card = (
			await createOrder(services, sam, {
				customer: { givenName: 'Ines', familyName: 'Moreau' },
				title: 'Remake of a ring',
				quotedPriceCents: 120000
			})
		).card;
		const id = card.id;
		const current = () => getOrder(services.db.sql, avery, id);
		await checkInItem(services, sam, id, {
			kind: 'jewelry',
			description: "Grandmother's ring",
			weight: 4.21,
			weightUnit: 'g',
			declaredValueCents: 90000,
			to: { kind: 'place', place: 'Safe' }
		});
		await checkInItem(services, sam, id, {
			kind: 'metal',
			description: 'Scrap gold',
			weight: 12.5,
			weightUnit: 'g'
		});
		const [ring, scrap] = (await current()).items;
		await handOffItem(services, elena, id, ring.id, {
			version: ring.version,
			to: { kind: 'vendor', vendorId: foundry.id },
			weight: 4.2
		});
		await returnItem(services, sam, id, scrap.id, { version: scrap.version, note: 'Not needed' });
		(
			await moveOrder(services, morgan, id, {
				stage: 'casting',
				afterId: null,
				version: (await current()).version
			})
		).card;
		const [{ seq }] = await services.db.sql<{ seq: number }[]>`
			select max(seq)::int as seq from order_events where order_id = ${id}`;
		(await undoChange(services, morgan, id, { seq })).card;
		(
			await moveOrder(services, morgan, id, {
				stage: 'ready',
				afterId: null,
				version: (await current()).version
			})
		).card;
		(
			await pickUpOrder(services, morgan, id, {
				version: (await current()).version,
				returnedItemIds: [ring.id],
				overrideReason: 'Pays on Friday'
			})
		).card;

		const words = { format: usd, today: '2026-11-10' };
		const owner = await getOrderHistory(services.db.sql, avery, id);
		expect(owner.entries.map((entry) => historySentence(entry, words))).toEqual([
			'Sam Ortiz created the order',
			"Sam Ortiz checked in Grandmother's ring (4.21 g, declared at $900.00) and put it in the Safe",
			'Sam Ortiz checked in Scrap gold (12.50 g) and kept it',
			"Elena Novak handed Grandmother's ring from the Safe to Meridian Casting · weighed 4.20 g",
			'Sam Ortiz returned Scrap gold to the customer · “Not needed”',
			'Morgan Lee moved it from Intake to Casting',
			'Morgan Lee undid their move: back to Intake',
			'Morgan Lee moved it from Intake to Ready for pickup · the customer could not be told: no channel configured for email or text messages',
			"Morgan Lee released it to the customer · balance of $1,200.00 owed: Pays on Friday · handed back: Grandmother's ring"
		]);
		expect(owner.entries.filter((entry) => entry.kind === 'custody')).toHaveLength(4);
		const undo = owner.entries.find((entry) => entry.undoOf !== undefined)!;
		expect(undo).toMatchObject({ type: 'order.moved', undoOf: seq, actorId: morgan.id });

		const bench = await getOrderHistory(services.db.sql, elena, id);
		const text = JSON.stringify(bench.entries);
		for (const hidden of ['declaredValueCents', 'balanceCents', '90000', '120000', 'Pays on']) {
			expect(text).not.toContain(hidden);
		}
		const lines = bench.entries.map((entry) => historySentence(entry, words));
		expect(lines).toContain(
			"Sam Ortiz checked in Grandmother's ring (4.21 g) and put it in the Safe"
		);
		expect(lines).toContain(
			"Elena Novak handed Grandmother's ring from the Safe to Meridian Casting · weighed 4.20 g"
		);
		expect(lines.at(-1)).toBe(
			"Morgan Lee released it to the customer · handed back: Grandmother's ring"
		);
	});

	it('answers 404 for an order there is not, and 403 for a role that may not read orders', async () => {
		const missing = await getOrderHistory(services.db.sql, avery, 999_999).catch((e) => e);
		expect(missing).toBeInstanceOf(DomainError);
		expect(missing).toMatchObject({ status: 404 });
		const display: Actor = { id: avery.id, name: 'Showroom', role: 'display' };
		const refused = await getOrderHistory(services.db.sql, display, orderId).catch((e) => e);
		expect(refused).toMatchObject({ status: 403 });
	});
});
