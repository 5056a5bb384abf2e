import type { z } from 'zod';
import type { Stone } from '../types';
import { addStoneSchema, removeStoneSchema, STONE_FIELDS, updateStoneSchema } from '../validation';
import { can, requirePermission } from './auth/roles';
import { changedFields, changeInsideOrder } from './commands';
import type { Tx } from './db';
import { conflict, invalid, notFound, parseInput } from './errors';
import type { Actor } from './events';
import type { Services } from './services';
import { followStone } from './custody';

type StoneRow = Omit<Stone, 'vendorName'>;

async function requireVendor(
	tx: Tx,
	vendorId: number | null | undefined,
	field = 'vendorId'
): Promise<void> {
	if (vendorId == null) return;
	const [vendor] = await tx`select 1 from vendors where id = ${vendorId}`;
	if (!vendor) throw invalid(field, `${vendorId} is not a vendor`);
}

/** A stone as this actor may see it: no declared value without the right to see money. */
function stoneFor(actor: Actor, stone: StoneRow): StoneRow {
	return can(actor.role, 'money.read') ? stone : { ...stone, declaredValueCents: null };
}

async function lockStone(
	tx: Tx,
	actor: Actor,
	orderId: number,
	stoneId: number,
	version: number
): Promise<StoneRow> {
	const [stone] = await tx<StoneRow[]>`
		select id, order_id, role, source, vendor_id, gem, shape, count, carats, dimensions_mm, colour,
			clarity, cert_lab, cert_number, declared_value_cents, state, version
		from stones where id = ${stoneId} and order_id = ${orderId} for update`;
	if (!stone) throw notFound(`Stone ${stoneId} of order ${orderId}`);
	if (stone.version !== version) {
		throw conflict(
			`This stone was changed by someone else since you saw it (version ${version}, now ${stone.version})`,
			stoneFor(actor, stone)
		);
	}
	return stone;
}

export type NewStone = z.output<typeof addStoneSchema>;

/** Who may add this stone: the right to edit stones, and money's for a declared value. */
export function requireStonePermissions(actor: Actor, stone: NewStone): void {
	requirePermission(actor, 'stones.edit');
	if (stone.declaredValueCents != null) requirePermission(actor, 'money.edit');
}

/**
 * Inserts a stone into an order inside the caller's transaction, with the custody of a customer's
 * stone that is already in the store. `field` names the stone in an error (`stones[0]` at intake).
 */
export async function insertStone(
	tx: Tx,
	actor: Actor,
	orderId: number,
	data: NewStone,
	field?: string
): Promise<StoneRow> {
	await requireVendor(tx, data.vendorId, field ? `${field}.vendorId` : undefined);
	const [stone] = await tx<StoneRow[]>`
		insert into stones ${tx({ ...data, orderId } as Record<string, unknown>)}
		returning id, order_id, role, source, vendor_id, gem, shape, count, carats, dimensions_mm,
			colour, clarity, cert_lab, cert_number, declared_value_cents, state, version`;
	await followStone(tx, actor, stone);
	return stone;
}

export async function addStone(
	services: Services,
	actor: Actor,
	orderId: number,
	input: unknown
): Promise<number | null> {
	const data = parseInput(addStoneSchema, input);
	requireStonePermissions(actor, data);
	return changeInsideOrder(services, actor, orderId, 'stone.added', async (tx) => ({
		before: null,
		after: await insertStone(tx, actor, orderId, data)
	}));
}

/**
 * Edits a stone. Bench jewelers may only move it through its states (received, set); every other
 * field needs the right to edit stones, and a declared value the right to edit money.
 */
export async function updateStone(
	services: Services,
	actor: Actor,
	orderId: number,
	stoneId: number,
	input: unknown
): Promise<number | null> {
	const data = parseInput(updateStoneSchema, input);
	const { version, ...fields } = data;
	const onlyState = Object.keys(fields).every((field) => field === 'state');
	requirePermission(actor, onlyState ? 'stones.state' : 'stones.edit');
	if (fields.declaredValueCents !== undefined) requirePermission(actor, 'money.edit');
	return changeInsideOrder(services, actor, orderId, 'stone.updated', async (tx) => {
		const stone = await lockStone(tx, actor, orderId, stoneId, version);
		// Handing the customer's own stone back closes its custody: that is the counter's to do.
		if (stone.source === 'customer' && fields.state === 'returned' && stone.state !== 'returned') {
			requirePermission(actor, 'custody.checkIn');
		}
		const { before, after } = changedFields(stone, fields as Partial<StoneRow>, STONE_FIELDS);
		const merged = { ...stone, ...after };
		if (merged.source === 'store' && merged.declaredValueCents != null) {
			throw invalid('declaredValueCents', 'is only for customer-supplied stones');
		}
		if (merged.source === 'customer' && merged.vendorId != null) {
			throw invalid('vendorId', 'is only for stones sourced by the store');
		}
		if (Object.keys(after).length === 0) return null;
		await requireVendor(tx, after.vendorId);
		await tx`
			update stones set ${tx(after as Record<string, unknown>)}, version = version + 1, updated_at = now()
			where id = ${stoneId}`;
		if (after.state !== undefined) await followStone(tx, actor, merged);
		return {
			before: { id: stoneId, ...before },
			after: { id: stoneId, ...after }
		};
	});
}

export async function removeStone(
	services: Services,
	actor: Actor,
	orderId: number,
	stoneId: number,
	input: unknown
): Promise<number | null> {
	requirePermission(actor, 'stones.edit');
	const { version } = parseInput(removeStoneSchema, input);
	return changeInsideOrder(services, actor, orderId, 'stone.removed', async (tx) => {
		const stone = await lockStone(tx, actor, orderId, stoneId, version);
		if (stone.source === 'customer' && stone.state !== 'expected' && stone.state !== 'returned') {
			// The customer's own stone is in the shop: it must be returned, not made to disappear.
			throw conflict(
				'This is the customer’s own stone and it is in the store: mark it returned to the customer instead of removing it',
				stoneFor(actor, stone)
			);
		}
		await tx`delete from stones where id = ${stoneId}`;
		return { before: stone, after: null };
	});
}
