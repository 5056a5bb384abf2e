import { keyBetween, needsRekey, spreadKeys } from '../board/order-key';
import type { BoardStage } from '../stages';
import type { OrderCard } from '../types';
import type { OrderEventPayload } from '../events';
import type { Tx } from './db';

/**
 * Where a card sits in its column: the one routine behind a move, an undone move and a new order,
 * so they all place cards by the same rule. The caller holds the column's lock (`lockStage`).
 */

/** Moves and creates in one stage take turns, so two of them never compute the same key. */
export async function lockStage(tx: Tx, stage: BoardStage): Promise<void> {
	await tx`select pg_advisory_xact_lock(hashtext(${'benchboard.stage.' + stage}))`;
}

/** The next card in the column after `previousKey` (null: the first), leaving out `exceptId`. */
export async function nextInStage(
	tx: Tx,
	stage: BoardStage,
	previousKey: string | null,
	exceptId: number | null
): Promise<{ id: number; orderKey: string } | undefined> {
	const [next] = await tx<{ id: number; orderKey: string }[]>`
		select id, order_key from orders
		where stage = ${stage} ${exceptId === null ? tx`` : tx`and id <> ${exceptId}`}
			${previousKey === null ? tx`` : tx`and order_key > ${previousKey}`}
		order by order_key limit 1`;
	return next;
}

/**
 * A key between `previousKey` and the `next` card for the moving order. When keys in the column
 * have grown long, the column is laid out anew: `rekeyed` lists the other cards' new keys.
 */
export async function keyBetweenCards(
	tx: Tx,
	stage: BoardStage,
	movingId: number,
	previousKey: string | null,
	next: { id: number; orderKey: string } | undefined
): Promise<{ orderKey: string; rekeyed?: { id: number; orderKey: string }[] }> {
	const orderKey = keyBetween(previousKey, next?.orderKey ?? null);
	if (!needsRekey(orderKey)) return { orderKey };
	const entries = await rekeyStage(tx, stage, movingId, next?.id ?? null);
	return {
		orderKey: entries.find((entry) => entry.id === movingId)!.orderKey,
		rekeyed: entries.filter((entry) => entry.id !== movingId)
	};
}

/**
 * Spreads a column's keys out evenly, with the moving order placed before `beforeId` (or last),
 * and returns every card's new key. The caller writes the moving order's own key with its stage.
 * Only the key changes for the others: their version stays, since nothing the client saw changed.
 */
async function rekeyStage(
	tx: Tx,
	stage: BoardStage,
	movingId: number,
	beforeId: number | null
): Promise<{ id: number; orderKey: string }[]> {
	const rows = await tx<{ id: number }[]>`
		select id from orders where stage = ${stage} and id <> ${movingId} order by order_key`;
	const ids = rows.map((row) => row.id);
	const at = beforeId === null ? ids.length : ids.indexOf(beforeId);
	ids.splice(at, 0, movingId);
	const keys = spreadKeys(ids.length);
	const entries = ids.map((orderId, index) => ({ id: orderId, orderKey: keys[index] }));
	const others = entries.filter((entry) => entry.id !== movingId);
	if (others.length === 0) return entries;
	// Two steps: the unique index is checked row by row, so a one-step reshuffle could collide.
	await tx`update orders set order_key = 'tmp.' || id where stage = ${stage} and id <> ${movingId}`;
	await tx`
		update orders set order_key = v.key
		from (values ${tx(others.map((entry) => [entry.id, entry.orderKey]))}) as v(id, key)
		where orders.id = v.id::int`;
	return entries;
}

/**
 * Writes the order into `stage` at `orderKey` and answers the new card with the before and after
 * of an `order.moved` event. `enteredAt` is when it entered the stage: by default now, or kept
 * when it stays in its stage; an undone move gives back the old time.
 */
export async function placeOrder(
	tx: Tx,
	current: OrderCard,
	place: {
		stage: BoardStage;
		orderKey: string;
		rekeyed?: { id: number; orderKey: string }[];
		enteredAt?: string;
	}
): Promise<{
	card: OrderCard;
	moved: Pick<OrderEventPayload<'order.moved'>, 'before' | 'after' | 'rekeyed'>;
}> {
	const { stage, orderKey, rekeyed } = place;
	const entered =
		place.enteredAt === undefined
			? tx`case when stage = ${stage} then stage_entered_at else now() end`
			: tx`${place.enteredAt}`;
	const [{ version, stageEnteredAt }] = await tx<{ version: number; stageEnteredAt: string }[]>`
		update orders
		set stage = ${stage}, order_key = ${orderKey}, version = version + 1, updated_at = now(),
			stage_entered_at = ${entered}
		where id = ${current.id}
		returning version,
			to_char(stage_entered_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as stage_entered_at`;
	const card: OrderCard = { ...current, stage, orderKey, version, stageEnteredAt };
	const moved = {
		before: {
			stage: current.stage,
			orderKey: current.orderKey,
			version: current.version,
			stageEnteredAt: current.stageEnteredAt
		},
		after: { stage, orderKey, version, stageEnteredAt },
		...(rekeyed ? { rekeyed } : {})
	};
	return { card, moved };
}
