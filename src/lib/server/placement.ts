import { keyBetween, needsRekey, spreadKeys } from '../board/order-key';
import type { BoardStage } from '../stages';
import type { OrderCard } from '../types';
import type { OrderEventPayload } from '../events';
import type { Tx } from './db';

/**
 * Where a card sits in its column: the one routine behind a move, an undone move and a new order,
 * so they all place cards by the same rule. The caller holds the column's lock (`lockStage`).
 *
 * Each statement here is sent the moment its function is called (`.execute()`; a query that is
 * only awaited goes out a few microtasks later), so a command can start several at once in the
 * order it calls them and wait for them together: one round trip, run by the server in turn.
 */

/** Moves and creates in one stage take turns, so two of them never compute the same key. */
export async function lockStage(tx: Tx, stage: BoardStage): Promise<void> {
	await tx`select pg_advisory_xact_lock(hashtext(${'benchboard.stage.' + stage}))`.execute();
}

/**
 * The next card in the column after `after` (a key, or the card with that id; null: the first),
 * leaving out `exceptId`.
 */
export async function nextInStage(
	tx: Tx,
	stage: BoardStage,
	after: string | { id: number } | null,
	exceptId: number | null
): Promise<{ id: number; orderKey: string } | undefined> {
	const afterKey =
		after === null
			? tx``
			: typeof after === 'string'
				? tx`and order_key > ${after}`
				: tx`and order_key > (select order_key from orders where id = ${after.id})`;
	// `order_key is not null` (true of every card on the board) lets the column's partial index
	// answer at once instead of sorting the whole column (an import puts thousands in one).
	const [next] = await tx<{ id: number; orderKey: string }[]>`
		select id, order_key from orders
		where stage = ${stage} and order_key is not null ${exceptId === null ? tx`` : tx`and id <> ${exceptId}`} ${afterKey}
		order by order_key limit 1`.execute();
	return next;
}

/** Which column a card is in and where (undefined: no such order). */
export async function stageAndKey(
	tx: Tx,
	id: number
): Promise<{ stage: string; orderKey: string | null } | undefined> {
	const [card] = await tx<{ stage: string; orderKey: string | null }[]>`
		select stage, order_key from orders where id = ${id}`.execute();
	return card;
}

/** The transaction's own time (`now()` in every one of its statements), as the API writes times. */
export async function transactionTime(tx: Tx): Promise<string> {
	const [{ now }] = await tx<{ now: string }[]>`
		select to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as now`.execute();
	return now;
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
 * of an `order.moved` event. `enteredAt` is when it entered the stage (the transaction's time for
 * a new stage, kept when it stays in its stage; an undone move gives back the old time). The order
 * is locked (`lockOrder`), so its next version is known: the answer is ready before the write is,
 * and the caller sends the write and the event's append together (`written`), one round trip.
 */
export function placeOrder(
	tx: Tx,
	current: OrderCard,
	place: {
		stage: BoardStage;
		orderKey: string;
		rekeyed?: { id: number; orderKey: string }[];
		enteredAt: string;
	}
): {
	card: OrderCard;
	moved: Pick<OrderEventPayload<'order.moved'>, 'before' | 'after' | 'rekeyed'>;
	written: Promise<unknown>;
} {
	const { stage, orderKey, rekeyed, enteredAt: stageEnteredAt } = place;
	const version = current.version + 1;
	const written = tx`
		update orders
		set stage = ${stage}, order_key = ${orderKey}, version = ${version}, updated_at = now(),
			stage_entered_at = ${stageEnteredAt}
		where id = ${current.id}`.execute();
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
	return { card, moved, written };
}
