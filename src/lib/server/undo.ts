import type { CardAnswer } from '../api/answers';
import { isBoardStage, type Stage } from '../stages';
import { withdrawReadyMessages } from './updates/outbox';
import type { OrderCard } from '../types';
import type { OrderEventPayload, OrderEventType } from '../events';
import { EDITABLE_ORDER_FIELDS, undoSchema } from '../validation';
import { UNDO_WINDOW_MS } from '../words/vocabulary';
import { requirePermission } from './auth/roles';
import { lockOrder, readCard, runCardCommand } from './commands';
import type { Tx } from './db';
import { conflict, parseInput } from './errors';
import { appendEvent, type Actor } from './events';
import { readLocation } from './locations';
import { keyBetweenCards, lockStage, nextInStage, placeOrder } from './placement';
import type { Services } from './services';

interface LastEvent {
	seq: number;
	type: OrderEventType;
	actorId: number;
	payload: OrderEventPayload;
	createdAt: Date;
}

/**
 * Takes back the latest move or edit of an order, made by the same person a moment ago. The undo
 * is a new event (the history shows both); the original stays. Anything that happened to the order
 * since, or a change older than the undo window, is changed back by hand instead.
 */
export async function undoChange(
	services: Services,
	actor: Actor,
	orderId: number,
	input: unknown
): Promise<CardAnswer> {
	const { seq } = parseInput(undoSchema, input);
	const latest = (tx: Tx) => tx<LastEvent[]>`
		select seq, type, actor_id, payload, created_at from order_events
		where order_id = ${orderId} order by seq desc limit 1`;
	return runCardCommand(services, async (tx) => {
		// A move's undo is a move: it takes the column's lock before the order's, as moves do.
		const [peek] = await latest(tx);
		const back = peek?.type === 'order.moved' ? (peek.payload.before?.stage as Stage) : null;
		if (back && isBoardStage(back)) await lockStage(tx, back);
		const current = await lockOrder(tx, orderId);
		const [last] = await latest(tx);
		if (!last || last.seq !== seq || last.seq !== peek?.seq) {
			throw conflict(
				`${current.number} has changed since: only its latest change can be undone`,
				current
			);
		}
		if (last.actorId !== actor.id) {
			throw conflict('Only the person who made a change can undo it', current);
		}
		if (Date.now() - last.createdAt.getTime() > UNDO_WINDOW_MS) {
			throw conflict(
				`A change can be undone for ${UNDO_WINDOW_MS / 60000} minutes; change it back by hand`,
				current
			);
		}
		if (last.payload.undoOf !== undefined) {
			throw conflict('That change was itself an undo; change it back by hand', current);
		}
		if (last.type === 'order.moved') return undoMove(tx, actor, current, last);
		if (last.type === 'order.updated') return undoEdit(tx, actor, current, last);
		throw conflict(
			'Only a move or an edit of the order’s details can be undone; change the rest back by hand',
			current
		);
	});
}

async function undoMove(tx: Tx, actor: Actor, current: OrderCard, last: LastEvent) {
	requirePermission(actor, 'orders.move');
	const was = last.payload.before as Pick<OrderCard, 'stage' | 'orderKey' | 'stageEnteredAt'>;
	if (!isBoardStage(was.stage) || was.orderKey === null) {
		throw conflict('That move cannot be undone; move it back by hand', current);
	}
	// Its old place, or as near it as the column now allows (the column's lock is held).
	const [taken] = await tx`
		select 1 from orders where stage = ${was.stage} and order_key = ${was.orderKey} and id <> ${current.id}`;
	const place = taken
		? await keyBetweenCards(
				tx,
				was.stage,
				current.id,
				was.orderKey,
				await nextInStage(tx, was.stage, was.orderKey, current.id)
			)
		: { orderKey: was.orderKey };
	// The "ready" message of a move to Ready waits out the undo window: it is taken back with it.
	const [withdrawn = null] =
		current.stage === 'ready' && was.stage !== 'ready'
			? await withdrawReadyMessages(tx, current.id, 'the move to Ready was undone')
			: [];
	const { card, moved, written } = placeOrder(tx, current, {
		stage: was.stage,
		...place,
		enteredAt: was.stageEnteredAt
	});
	const [, event] = await Promise.all([
		written,
		appendEvent(tx, current.id, 'order.moved', actor, {
			...moved,
			...(withdrawn ? { detail: { before: null, after: { messageWithdrawn: withdrawn } } } : {}),
			undoOf: last.seq
		})
	]);
	return { result: card, event };
}

type Fields = Record<string, unknown>;

async function undoEdit(tx: Tx, actor: Actor, current: OrderCard, last: LastEvent) {
	requirePermission(actor, 'orders.edit');
	const onCard = { ...(last.payload.before as Fields) };
	delete onCard.version;
	const offCard = (last.payload.detail?.before ?? {}) as Fields;
	const restore = { ...onCard, ...offCard };
	const fields = Object.keys(restore).filter((field) =>
		(EDITABLE_ORDER_FIELDS as readonly string[]).includes(field)
	);
	if (fields.length === 0) throw conflict('That edit changed nothing to take back', current);
	if (fields.includes('quotedPriceCents')) requirePermission(actor, 'money.edit');
	if (fields.includes('pickupLocationId'))
		await requirePickupStore(tx, restore.pickupLocationId as number, current);
	const [now] = await tx<Fields[]>`select ${tx(fields)} from orders where id = ${current.id}`;
	await tx`
		update orders set ${tx(restore, ...fields)}, version = version + 1, updated_at = now()
		where id = ${current.id}`;
	const card = (await readCard(tx, current.id))!;
	const split = (values: Fields, shown: boolean) =>
		Object.fromEntries(Object.entries(values).filter(([field]) => field in card === shown));
	const restored = Object.fromEntries(fields.map((field) => [field, restore[field]]));
	const detail = { before: split(now, false), after: split(restored, false) };
	const event = await appendEvent(tx, current.id, 'order.updated', actor, {
		before: { ...split(now, true), version: current.version },
		after: { ...split(restored, true), version: card.version },
		...(Object.keys(detail.after).length ? { detail } : {}),
		undoOf: last.seq
	});
	return { result: card, event };
}

/** The store an undo would send the customer back to must still be a store in use. */
async function requirePickupStore(tx: Tx, id: number, current: OrderCard): Promise<void> {
	const store = await readLocation(tx, id);
	if (store && !store.archived && store.kind === 'store') return;
	const why = !store
		? 'that store is gone'
		: store.archived
			? `${store.name} is archived`
			: `${store.name} is a workshop now`;
	throw conflict(
		`That edit cannot be taken back: ${why}, and customers pick up at a store in use. Choose the pickup store on the order instead.`,
		current
	);
}
