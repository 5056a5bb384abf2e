import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkInItem, handOffItem, returnItem } from '../../src/lib/server/custody';
import type { Actor } from '../../src/lib/server/events';
import { createOrder, getOrder, moveOrder, updateOrder } from '../../src/lib/server/orders';
import { pickUpOrder } from '../../src/lib/server/release';
import { recordPayment } from '../../src/lib/server/payments';
import { addStone, updateStone } from '../../src/lib/server/stones';
import { undoChange } from '../../src/lib/server/undo';
import { createVendor } from '../../src/lib/server/vendors';
import { screenEvent } from '../../src/lib/masking';
import type { StartedServices } from '../../src/lib/server/start';
import type { OrderEvent } from '../../src/lib/events';
import { oneEventChecker, refusalChecker } from '../helpers/commands';
import { backends } from '../helpers/services';

describe.each(backends)('custody, release and undo on $name', (backend) => {
	let services: StartedServices;
	const published: OrderEvent[] = [];
	const people: Record<'owner' | 'manager' | 'staff' | 'bench', Actor> = {} as never;
	let caster: number;

	beforeAll(async () => {
		services = await backend.start();
		services.bus.subscribe((event) => published.push(event));
		for (const [role, name] of [
			['owner', 'Grace Okafor'],
			['manager', 'Marcus Reyes'],
			['staff', 'Priya Shah'],
			['bench', 'Elena Novak']
		] as const) {
			const [user] = await services.db.sql<{ id: number }[]>`
				insert into users (username, display_name, role)
				values (${role + '-custody'}, ${name}, ${role}) returning id`;
			people[role] = { id: user.id, name, role };
		}
		caster = (
			await createVendor(services.db.sql, people.owner, {
				name: 'Pacific Casting House',
				kind: 'casting'
			})
		).id;
	});
	afterAll(() => services?.stop());

	async function snapshot() {
		const [row] = await services.db.sql`
			select (select last_seq from event_counter) as seq,
				(select count(*)::int from customer_items) as items,
				(select count(*)::int from custody_handoffs) as handoffs,
				(select coalesce(sum(version), 0)::int from customer_items) as item_versions,
				(select coalesce(sum(version), 0)::int from orders) as versions`;
		return row;
	}

	const refused = refusalChecker(snapshot);

	const oneEvent = (work: () => Promise<unknown>) => oneEventChecker(services, published)(work);

	const newOrder = (extra: object = {}) =>
		createOrder(services, people.staff, {
			customer: { givenName: 'Sofia', familyName: 'Lindqvist', phone: '(555) 018-7000' },
			title: 'Remake grandmother’s ring as a bezel solitaire',
			pieceType: 'remount',
			...extra
		}).then(({ card }) => card);

	const itemOf = async (orderId: number, actor: Actor = people.owner) =>
		(await getOrder(services.db.sql, actor, orderId)).items;

	it('follows an heirloom from check-in through every hand-off, and flags a weight that changed', async () => {
		const order = await newOrder();
		const checkIn = await oneEvent(() =>
			checkInItem(services, people.staff, order.id, {
				kind: 'jewelry',
				description: 'Grandmother’s ring, 14k yellow gold with an old European cut diamond',
				weight: 4.21,
				weightUnit: 'g',
				declaredValueCents: 300000,
				to: { kind: 'place', place: 'Safe' }
			})
		);
		expect(checkIn).toMatchObject({ type: 'item.checked_in', actor: { id: people.staff.id } });
		expect(JSON.stringify(screenEvent(checkIn))).not.toContain('300000');
		expect(checkIn.payload.after).toEqual({ customerItems: 1 });
		let [item] = await itemOf(order.id);
		expect(item).toMatchObject({ holder: { kind: 'place', name: 'Safe' }, weight: 4.21 });

		// At the bench: "I'm taking it to the casting house". Bench may pass it on...
		const sent = await oneEvent(() =>
			handOffItem(services, people.bench, order.id, item.id, {
				version: item.version,
				to: { kind: 'vendor', vendorId: caster },
				weight: 4.2
			})
		);
		expect(sent.payload.detail?.after).toMatchObject({
			holder: { kind: 'vendor', name: 'Pacific Casting House' }
		});
		[item] = await itemOf(order.id);
		const back = await oneEvent(() =>
			handOffItem(services, people.staff, order.id, item.id, {
				version: item.version,
				to: { kind: 'person', userId: people.bench.id },
				weight: 4.02,
				note: 'Back from casting'
			})
		);
		expect(back.actor.name).toBe('Priya Shah');

		[item] = await itemOf(order.id, people.bench);
		expect(item.declaredValueCents).toBeNull();
		expect(item.holder).toEqual({ kind: 'person', id: people.bench.id, name: 'Elena Novak' });
		expect(
			item.trail.map((step) => [step.from.name, step.to.name, step.weight, step.by, step.flagged])
		).toEqual([
			['The customer', 'Safe', 4.21, 'Priya Shah', false],
			['Safe', 'Pacific Casting House', 4.2, 'Elena Novak', false],
			['Pacific Casting House', 'Elena Novak', 4.02, 'Priya Shah', true]
		]);
		expect(item.trail[2].weightChange).toBe(-0.18);
		expect(item.flagged).toBe(true);

		// ...but does not take things in from customers, and nothing is changed by a refusal.
		expect(
			(
				await refused(() =>
					checkInItem(services, people.bench, order.id, {
						kind: 'stone',
						description: 'Sapphire',
						weightUnit: 'ct'
					})
				)
			).status
		).toBe(403);
		const stale = await refused(() =>
			handOffItem(services, people.staff, order.id, item.id, {
				version: item.version - 1,
				to: { kind: 'place', place: 'Safe' }
			})
		);
		expect(stale.status).toBe(409);
		const same = await refused(() =>
			handOffItem(services, people.staff, order.id, item.id, {
				version: item.version,
				to: { kind: 'person', userId: people.bench.id }
			})
		);
		expect(same.message).toMatch(/already.*Elena Novak/);
		for (const to of [
			{ kind: 'person', userId: 999999 },
			{ kind: 'vendor', vendorId: 999999 },
			{ kind: 'place', place: '   ' },
			{ kind: 'pocket' }
		]) {
			const error = await refused(() =>
				handOffItem(services, people.staff, order.id, item.id, { version: item.version, to })
			);
			expect(error.status).toBe(400);
			expect(error.message).toMatch(/^to/);
		}
		const negative = await refused(() =>
			handOffItem(services, people.staff, order.id, item.id, {
				version: item.version,
				to: { kind: 'place', place: 'Safe' },
				weight: -1
			})
		);
		expect(negative.message).toBe('weight must be more than 0');

		// The trail cannot be rewritten, even by the database's superuser.
		await expect(
			services.db.sql`update custody_handoffs set weight = 4.21 where item_id = ${item.id}`
		).rejects.toThrow(/append-only/);
		await expect(
			services.db.sql`delete from custody_handoffs where item_id = ${item.id}`
		).rejects.toThrow(/append-only/);

		const returned = await oneEvent(() =>
			returnItem(services, people.staff, order.id, item.id, { version: item.version })
		);
		expect(returned.payload).toMatchObject({
			before: { customerItems: 1 },
			after: { customerItems: 0 }
		});
		[item] = await itemOf(order.id);
		expect(item.returnedAt).not.toBeNull();
		expect(item.trail.at(-1)).toMatchObject({
			from: { name: 'Elena Novak' },
			to: { kind: 'customer' }
		});
		expect(
			(
				await refused(() =>
					handOffItem(services, people.staff, order.id, item.id, {
						version: item.version,
						to: { kind: 'place', place: 'Safe' }
					})
				)
			).message
		).toMatch(/already returned/);
	});

	it('puts a customer’s stone in custody when it comes in and takes it out when it goes back', async () => {
		const order = await newOrder();
		await addStone(services, people.staff, order.id, {
			role: 'center',
			source: 'customer',
			gem: 'Diamond',
			shape: 'oval',
			carats: 1.52,
			state: 'expected'
		});
		expect(await itemOf(order.id)).toEqual([]);
		let [stone] = (await getOrder(services.db.sql, people.owner, order.id)).stones;
		await updateStone(services, people.bench, order.id, stone.id, {
			version: stone.version,
			state: 'received'
		});
		let [item] = await itemOf(order.id);
		expect(item).toMatchObject({
			stoneId: stone.id,
			kind: 'stone',
			description: 'Center stone: Diamond, oval',
			weight: 1.52,
			weightUnit: 'ct',
			holder: { kind: 'person', name: 'Elena Novak' }
		});
		[stone] = (await getOrder(services.db.sql, people.owner, order.id)).stones;
		// Handing it back closes its custody: the counter's, not the bench's.
		expect(
			(
				await refused(() =>
					updateStone(services, people.bench, order.id, stone.id, {
						version: stone.version,
						state: 'returned'
					})
				)
			).status
		).toBe(403);
		await updateStone(services, people.staff, order.id, stone.id, {
			version: stone.version,
			state: 'returned'
		});
		[item] = await itemOf(order.id);
		expect(item.returnedAt).not.toBeNull();
		expect(item.trail.map((step) => step.to.kind)).toEqual(['person', 'customer']);

		// Marked returned by mistake: back to received puts it in the store's care again.
		[stone] = (await getOrder(services.db.sql, people.owner, order.id)).stones;
		await updateStone(services, people.staff, order.id, stone.id, {
			version: stone.version,
			state: 'received'
		});
		[item] = await itemOf(order.id);
		expect(item.returnedAt).toBeNull();
		expect(item.holder).toMatchObject({ kind: 'person', name: 'Priya Shah' });
		expect(item.trail.map((step) => step.to.kind)).toEqual(['person', 'customer', 'person']);
	});

	async function readyOrder(quotedPriceCents: number | null, paidCents: number) {
		const order = await newOrder({ quotedPriceCents });
		if (paidCents > 0) {
			await recordPayment(services, people.staff, order.id, {
				kind: 'deposit',
				amountCents: paidCents,
				method: 'card',
				paidOn: '2026-11-20'
			});
		}
		await checkInItem(services, people.staff, order.id, {
			kind: 'metal',
			description: 'Old gold for the shank',
			weight: 6.5,
			weightUnit: 'g'
		});
		return moveOrder(services, people.staff, order.id, {
			stage: 'ready',
			afterId: null,
			version: order.version
		}).then(({ card }) => card);
	}

	it('releases a piece only when it is paid and the customer’s items are handed back', async () => {
		const ready = await readyOrder(120000, 40000);
		const [item] = await itemOf(ready.id);
		const owed = await refused(() =>
			pickUpOrder(services, people.staff, ready.id, {
				version: ready.version,
				returnedItemIds: [item.id]
			})
		);
		expect(owed.status).toBe(409);
		expect(owed.message).toMatch(/balance of .*800/);
		const notAManager = await refused(() =>
			pickUpOrder(services, people.staff, ready.id, {
				version: ready.version,
				returnedItemIds: [item.id],
				overrideReason: 'Pays the rest on Friday'
			})
		);
		expect(notAManager.status).toBe(403);
		const unreturned = await refused(() =>
			pickUpOrder(services, people.manager, ready.id, {
				version: ready.version,
				overrideReason: 'Pays the rest on Friday'
			})
		);
		expect(unreturned.message).toMatch(/Old gold for the shank/);
		const stranger = await refused(() =>
			pickUpOrder(services, people.manager, ready.id, {
				version: ready.version,
				returnedItemIds: [item.id, 999999],
				overrideReason: 'Pays the rest on Friday'
			})
		);
		expect(stranger.status).toBe(400);

		const released = await oneEvent(() =>
			pickUpOrder(services, people.manager, ready.id, {
				version: ready.version,
				returnedItemIds: [item.id],
				overrideReason: 'Pays the rest on Friday'
			})
		);
		expect(released).toMatchObject({ type: 'order.picked_up', actor: { name: 'Marcus Reyes' } });
		expect(released.payload.detail?.after).toMatchObject({
			releasedBy: 'Marcus Reyes',
			balanceCents: 80000,
			overrideReason: 'Pays the rest on Friday',
			itemsReturned: [{ id: item.id, description: 'Old gold for the shank' }]
		});
		const [after] = await itemOf(ready.id);
		expect(after.holder.kind).toBe('customer');
		expect((await getOrder(services.db.sql, people.owner, ready.id)).stage).toBe('picked_up');
	});

	it('releases a paid piece without an override, and records no reason', async () => {
		const ready = await readyOrder(50000, 50000);
		const [item] = await itemOf(ready.id);
		const released = await oneEvent(() =>
			pickUpOrder(services, people.staff, ready.id, {
				version: ready.version,
				returnedItemIds: [item.id],
				overrideReason: 'not needed'
			})
		);
		expect(released.payload.detail?.after).toMatchObject({
			releasedBy: 'Priya Shah',
			balanceCents: 0,
			overrideReason: null
		});
	});

	it('undoes the latest move or edit as a new event, only for its author and only for a while', async () => {
		const order = await newOrder({ dueDate: '2026-12-18' });
		const moved = (
			await moveOrder(services, people.bench, order.id, {
				stage: 'casting',
				afterId: null,
				version: order.version
			})
		).card;
		const move = published.at(-1)!;
		expect(
			(await refused(() => undoChange(services, people.staff, order.id, { seq: move.seq }))).message
		).toMatch(/person who made/);

		const undo = await oneEvent(() =>
			undoChange(services, people.bench, order.id, { seq: move.seq })
		);
		expect(undo).toMatchObject({
			type: 'order.moved',
			payload: { undoOf: move.seq, before: { stage: 'casting' }, after: { stage: 'intake' } }
		});
		const back = await getOrder(services.db.sql, people.owner, order.id);
		expect(back).toMatchObject({ stage: 'intake', version: moved.version + 1 });
		expect(back.stageEnteredAt).toBe(new Date(order.stageEnteredAt).toISOString());
		// An undo is not undone in turn, and an older change no longer can be.
		expect(
			(await refused(() => undoChange(services, people.bench, order.id, { seq: undo.seq }))).message
		).toMatch(/itself an undo/);
		expect(
			(await refused(() => undoChange(services, people.bench, order.id, { seq: move.seq }))).message
		).toMatch(/only its latest change/);

		const notes = await refused(() =>
			updateOrder(services, people.staff, order.id, {
				version: back.version,
				designNotes: 'Knife-edge shank'
			})
		);
		expect(notes.message).toBe(
			'designNotes is a live note now: edit it on the order page, where everyone on the order sees it'
		);
		(
			await updateOrder(services, people.staff, order.id, {
				version: back.version,
				title: 'Bezel solitaire, satin',
				finish: 'Satin'
			})
		).card;
		const edit = published.at(-1)!;
		await oneEvent(() => undoChange(services, people.staff, order.id, { seq: edit.seq }));
		const restored = await getOrder(services.db.sql, people.owner, order.id);
		expect(restored).toMatchObject({
			title: 'Remake grandmother’s ring as a bezel solitaire',
			finish: null
		});

		const later = (
			await moveOrder(services, people.staff, order.id, {
				stage: 'design',
				afterId: null,
				version: restored.version
			})
		).card;
		const lateMove = published.at(-1)!;
		const now = Date.now();
		vi.spyOn(Date, 'now').mockReturnValue(now + 3 * 60 * 1000);
		try {
			expect(
				(await refused(() => undoChange(services, people.staff, order.id, { seq: lateMove.seq })))
					.message
			).toMatch(/2 minutes/);
		} finally {
			vi.restoreAllMocks();
		}
		expect(later.stage).toBe('design');
		expect(
			(await refused(() => undoChange(services, people.staff, order.id, { seq: 'x' }))).status
		).toBe(400);
	});
});
