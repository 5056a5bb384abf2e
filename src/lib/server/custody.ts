import type { PickupDetail } from '../events';
import type { CustomerItem, Holder, Stone } from '../types';
import { checkInItemSchema, handOffItemSchema, returnItemSchema } from '../validation';
import { STONE_ROLE_LABELS, type WeightUnit } from '../words/vocabulary';
import { requirePermission } from './auth/roles';
import { changeInsideOrder } from './commands';
import type { Tx } from './db';
import { conflict, invalid, notFound, parseInput } from './errors';
import type { Actor } from './events';
import type { Services } from './services';
import type { z } from 'zod';

/** The customer, as the other end of a check-in and a return. */
export const CUSTOMER: Holder = { kind: 'customer', name: 'The customer' };

type HolderInput = z.infer<typeof handOffItemSchema>['to'];

/** Names who or where an item goes, as it is right now: a record of fact for the trail. */
async function resolveHolder(tx: Tx, to: HolderInput): Promise<Holder> {
	if (to.kind === 'place') return { kind: 'place', name: to.place };
	if (to.kind === 'vendor') {
		const [vendor] = await tx<
			{ name: string }[]
		>`select name from vendors where id = ${to.vendorId}`;
		if (!vendor) throw invalid('to.vendorId', `${to.vendorId} is not a vendor`);
		return { kind: 'vendor', id: to.vendorId, name: vendor.name };
	}
	const [person] = await tx<{ displayName: string }[]>`
		select display_name from users
		where id = ${to.userId} and role in ('owner', 'manager', 'staff', 'bench') and disabled_at is null`;
	if (!person) throw invalid('to.userId', `${to.userId} is not a person on the staff`);
	return { kind: 'person', id: to.userId, name: person.displayName };
}

const sameHolder = (a: Holder, b: Holder) =>
	a.kind === b.kind && (a.id ?? a.name.toLowerCase()) === (b.id ?? b.name.toLowerCase());

/** An item as its row reads, before its trail is added. */
export type ItemRow = Omit<CustomerItem, 'trail' | 'flagged' | 'checkedInAt' | 'returnedAt'> & {
	checkedInAt: Date;
	returnedAt: Date | null;
};

async function lockItem(
	tx: Tx,
	orderId: number,
	itemId: number,
	version?: number
): Promise<ItemRow> {
	const [item] = await tx<ItemRow[]>`
		select id, order_id, stone_id, kind, description, weight, weight_unit, declared_value_cents,
			holder, checked_in_at, returned_at, version, '' as checked_in_by
		from customer_items where id = ${itemId} and order_id = ${orderId} for update`;
	if (!item) throw notFound(`Item ${itemId} of order ${orderId}`);
	if (version !== undefined && item.version !== version) {
		throw conflict(
			`This item was handed on by someone else since you saw it (version ${version}, now ${item.version})`
		);
	}
	if (item.returnedAt) {
		throw conflict(`${item.description} was already returned to the customer`);
	}
	if (item.holder.kind === 'transit') {
		// Its next step is the receipt at the other end, with the piece.
		throw conflict(
			`${item.description} is ${item.holder.name.toLowerCase()}: receive the piece first`
		);
	}
	return item;
}

async function recordHandoff(
	tx: Tx,
	actor: Actor,
	itemId: number,
	from: Holder,
	to: Holder,
	weight: number | null | undefined,
	note: string | null | undefined
): Promise<void> {
	await tx`
		insert into custody_handoffs (item_id, from_holder, to_holder, weight, note, actor_id)
		values (${itemId}, ${tx.json(from as never)}, ${tx.json(to as never)}, ${weight ?? null},
			${note ?? null}, ${actor.id})`;
}

/** Inserts an item received from the customer with its first hand-off; returns its id. */
async function insertItem(
	tx: Tx,
	actor: Actor,
	orderId: number,
	item: {
		stoneId?: number | null;
		kind: CustomerItem['kind'];
		description: string;
		weight?: number | null;
		weightUnit: WeightUnit;
		declaredValueCents?: number | null;
		holder: Holder;
		note?: string | null;
	}
): Promise<number> {
	const [{ id }] = await tx<{ id: number }[]>`
		insert into customer_items (order_id, stone_id, kind, description, weight, weight_unit,
			declared_value_cents, holder, checked_in_by)
		values (${orderId}, ${item.stoneId ?? null}, ${item.kind}, ${item.description},
			${item.weight ?? null}, ${item.weightUnit}, ${item.declaredValueCents ?? null},
			${tx.json(item.holder as never)}, ${actor.id})
		returning id`;
	await recordHandoff(tx, actor, id, CUSTOMER, item.holder, item.weight, item.note);
	return id;
}

/**
 * The one who records it holds it, unless they say where it went. The shop's built-in actor (demo
 * data, the command line) is no one to hold anything: what it records goes to the safe.
 */
function actorHolder(actor: Actor): Holder {
	if (actor.role === 'system') return { kind: 'place', name: 'Safe' };
	return { kind: 'person', id: actor.id, name: actor.name };
}

export async function checkInItem(
	services: Services,
	actor: Actor,
	orderId: number,
	input: unknown
): Promise<number | null> {
	requirePermission(actor, 'custody.checkIn');
	const data = parseInput(checkInItemSchema, input);
	if (data.declaredValueCents != null) requirePermission(actor, 'money.edit');
	return changeInsideOrder(services, actor, orderId, 'item.checked_in', async (tx) => {
		const holder = data.to ? await resolveHolder(tx, data.to) : actorHolder(actor);
		const { to: _to, note, ...fields } = data;
		const id = await insertItem(tx, actor, orderId, { ...fields, holder, note });
		return { before: null, after: { id, ...fields, holder, note: note ?? null } };
	});
}

export async function handOffItem(
	services: Services,
	actor: Actor,
	orderId: number,
	itemId: number,
	input: unknown
): Promise<number | null> {
	requirePermission(actor, 'custody.handOff');
	const data = parseInput(handOffItemSchema, input);
	return changeInsideOrder(services, actor, orderId, 'item.handed_off', async (tx) => {
		const item = await lockItem(tx, orderId, itemId, data.version);
		const to = await resolveHolder(tx, data.to);
		if (sameHolder(item.holder, to)) throw invalid('to', `is where it already is (${to.name})`);
		await passItem(tx, actor, item, to, data.weight, data.note);
		return {
			before: { id: itemId, description: item.description, holder: item.holder },
			after: {
				id: itemId,
				description: item.description,
				holder: to,
				weight: data.weight ?? null,
				weightUnit: item.weightUnit,
				note: data.note ?? null
			}
		};
	});
}

/**
 * Passes an item on inside the caller's transaction: its trail gets the step (with the weighing,
 * compared with the one before when the trail is read), the item its new holder.
 */
export async function passItem(
	tx: Tx,
	actor: Actor,
	item: Pick<ItemRow, 'id' | 'holder'>,
	to: Holder,
	weight: number | null | undefined,
	note: string | null | undefined
): Promise<void> {
	await recordHandoff(tx, actor, item.id, item.holder, to, weight, note);
	await tx`update customer_items set holder = ${tx.json(to as never)}, version = version + 1
		where id = ${item.id}`;
}

/** The order's items still in the shop's care (or in transit), locked, oldest first. */
export async function lockItemsInCare(tx: Tx, orderId: number): Promise<ItemRow[]> {
	return tx<ItemRow[]>`
		select id, order_id, stone_id, kind, description, weight, weight_unit, holder, returned_at,
			version
		from customer_items where order_id = ${orderId} and returned_at is null
		order by id for update`;
}

/** Hands an item back to the customer; a linked stone is marked returned with it. */
async function returnInside(
	tx: Tx,
	actor: Actor,
	item: ItemRow,
	weight?: number | null,
	note?: string | null
) {
	await recordHandoff(tx, actor, item.id, item.holder, CUSTOMER, weight, note);
	await tx`update customer_items set holder = ${tx.json(CUSTOMER as never)}, returned_at = now(),
		version = version + 1 where id = ${item.id}`;
	if (item.stoneId !== null) {
		await tx`update stones set state = 'returned', version = version + 1, updated_at = now()
			where id = ${item.stoneId} and state <> 'returned'`;
	}
	return {
		id: item.id,
		description: item.description,
		from: item.holder,
		weight: weight ?? null,
		weightUnit: item.weightUnit
	};
}

export async function returnItem(
	services: Services,
	actor: Actor,
	orderId: number,
	itemId: number,
	input: unknown
): Promise<number | null> {
	requirePermission(actor, 'custody.checkIn');
	const data = parseInput(returnItemSchema, input);
	return changeInsideOrder(services, actor, orderId, 'item.returned', async (tx) => {
		const item = await lockItem(tx, orderId, itemId, data.version);
		const returned = await returnInside(tx, actor, item, data.weight, data.note);
		return {
			before: { id: itemId, description: item.description, holder: item.holder },
			after: { ...returned, holder: CUSTOMER, note: data.note ?? null }
		};
	});
}

/**
 * Returns every listed item inside a pickup's transaction. The list must be exactly the items
 * still in the store's care: one left out is one the customer did not get back.
 */
export async function returnAllForPickup(
	tx: Tx,
	actor: Actor,
	orderId: number,
	itemIds: number[]
): Promise<PickupDetail['itemsReturned']> {
	const inCare = await lockItemsInCare(tx, orderId);
	const travelling = inCare.find((item) => item.holder.kind === 'transit');
	if (travelling) {
		throw conflict(`${travelling.description} is ${travelling.holder.name.toLowerCase()}`);
	}
	const listed = new Set(itemIds);
	for (const id of listed) {
		if (!inCare.some((item) => item.id === id)) {
			throw invalid('returnedItemIds', `${id} is not an item of this order in the store's care`);
		}
	}
	const missing = inCare.filter((item) => !listed.has(item.id));
	if (missing.length > 0) {
		throw conflict(
			`Confirm the customer got back everything of theirs before releasing the piece; not confirmed: ${missing.map((item) => item.description).join('; ')}`
		);
	}
	const returned = [];
	for (const item of inCare) returned.push(await returnInside(tx, actor, item));
	return returned;
}

function stoneDescription(stone: Pick<Stone, 'role' | 'gem' | 'shape'>): string {
	return `${STONE_ROLE_LABELS[stone.role]} stone: ${stone.gem}${stone.shape ? `, ${stone.shape}` : ''}`;
}

/**
 * Keeps a customer-supplied stone's custody in step with its state, inside the stone's command: it
 * comes into the store's care when received (held by whoever recorded it), and goes back to the
 * customer when marked returned.
 */
export async function followStone(
	tx: Tx,
	actor: Actor,
	stone: Pick<
		Stone,
		| 'id'
		| 'orderId'
		| 'source'
		| 'state'
		| 'role'
		| 'gem'
		| 'shape'
		| 'carats'
		| 'declaredValueCents'
	>
): Promise<void> {
	if (stone.source !== 'customer' || stone.state === 'expected') return;
	const [item] = await tx<ItemRow[]>`
		select id, order_id, stone_id, description, weight_unit, holder, returned_at, version
		from customer_items where stone_id = ${stone.id} for update`;
	if (!item && stone.state !== 'returned') {
		await insertItem(tx, actor, stone.orderId, {
			stoneId: stone.id,
			kind: 'stone',
			description: stoneDescription(stone),
			weight: stone.carats,
			weightUnit: 'ct',
			declaredValueCents: stone.declaredValueCents,
			holder: actorHolder(actor)
		});
	} else if (item && !item.returnedAt && stone.state === 'returned') {
		await returnInside(tx, actor, item);
	} else if (item?.returnedAt && stone.state !== 'returned') {
		// Marked returned by mistake, or the customer brought it back: it is in our care again.
		const holder = actorHolder(actor);
		await recordHandoff(tx, actor, item.id, CUSTOMER, holder, null, 'In the store again');
		await tx`update customer_items set holder = ${tx.json(holder as never)}, returned_at = null,
			version = version + 1 where id = ${item.id}`;
	}
}
