import { isBoardStage, STAGE_LABELS } from '../stages';
import type { OrderCard } from '../types';
import type { CardAnswer } from '../api/answers';
import type { InsideDetail, InsideEventType, OrderEvent } from '../events';
import type { Sql, Tx } from './db';
import { conflict, notFound } from './errors';
import { appendEvent, type Actor } from './events';
import type { Services } from './services';
import { transaction } from './transaction';

/** What a command did: its answer and its event (a new order for a new customer: two, in order). */
export type Change<T> = { result: T; event: OrderEvent | OrderEvent[] | null };

/**
 * What a command answers: its result and the seq of its (last) event, null when it changed
 * nothing. A screen that made the change can offer its Undo at once, and knows which event on the
 * socket is its own.
 */
export type Done<T> = { result: T; seq: number | null };

/**
 * Runs a command's transaction, then broadcasts its events once it has committed (the bus hands
 * events to screens in seq order).
 */
export async function runCommand<T>(
	services: Services,
	work: (tx: Tx) => Promise<Change<T>>
): Promise<Done<T>> {
	const { result, event } = await transaction(services.db.sql, work);
	const events = [event ?? []].flat();
	for (const one of events) services.bus.publish(one);
	return { result, seq: events.at(-1)?.seq ?? null };
}

/** `runCommand` for a command on an order's card: the API sends its answer as it is. */
export async function runCardCommand(
	services: Services,
	work: (tx: Tx) => Promise<Change<OrderCard>>
): Promise<CardAnswer> {
	const { result, seq } = await runCommand(services, work);
	return { card: result, seq };
}

export async function readCard(q: Sql | Tx, id: number): Promise<OrderCard | undefined> {
	const [card] = await q<OrderCard[]>`select * from order_cards where id = ${id}`.execute();
	return card;
}

/**
 * Locks an open order for this transaction and, when given, checks the version the client saw.
 * Archived orders (picked up, cancelled) are history: no command changes them.
 */
export async function lockOrder(tx: Tx, id: number, version?: number): Promise<OrderCard> {
	// Lock first, then read: under READ COMMITTED a statement that waited for the lock re-reads only
	// the locked row, so a card read by that same statement (through the view) could be the one from
	// before the other writer committed, and its version check would pass on a stale version.
	// Both go in one round trip, sent in this order (`.execute()`, see placement.ts): the server runs
	// the read after the lock is taken.
	const [[locked], card] = await Promise.all([
		tx`select 1 from orders where id = ${id} for update`.execute(),
		readCard(tx, id)
	]);
	if (!locked || !card) throw notFound(`Order ${id}`);
	if (version !== undefined && card.version !== version) {
		throw conflict(
			`${card.number} was changed by someone else since you saw it (version ${version}, now ${card.version})`,
			card
		);
	}
	return refuseArchived(card);
}

/**
 * Whether an order can take a change, read without a lock: to refuse before reading megabytes of
 * an upload. The command itself checks again under its lock.
 */
export async function requireOpenOrder(q: Sql | Tx, id: number): Promise<OrderCard> {
	const card = await readCard(q, id);
	if (!card) throw notFound(`Order ${id}`);
	return refuseArchived(card);
}

/** Archived orders (picked up, cancelled) are history: no command changes them. */
function refuseArchived(card: OrderCard): OrderCard {
	if (!isBoardStage(card.stage)) {
		throw conflict(
			`${card.number} is ${STAGE_LABELS[card.stage].toLowerCase()}: it is archived and cannot be changed`,
			card
		);
	}
	return card;
}

/** The card fields that differ between two readings, as the before and after of an event. */
export function cardDifference<T extends Partial<OrderCard>>(before: T, after: T) {
	const was: Partial<OrderCard> = {};
	const now: Partial<OrderCard> = {};
	for (const key of Object.keys(after) as (keyof T & keyof OrderCard)[]) {
		if (before[key] === after[key]) continue;
		Object.assign(was, { [key]: before[key] });
		Object.assign(now, { [key]: after[key] });
	}
	return { before: was, after: now };
}

/**
 * A change to something inside an order (a stone, a payment, a blocker...): the order is locked so
 * changes to one order take turns, the work runs, and one event records the detail with whatever
 * the board card shows that changed because of it (the first blocker, the customer-stone marker).
 * The work returns the detail's before and after, or null when it changed nothing; the answer is
 * the event's seq (null then).
 */
export async function changeInsideOrder(
	services: Services,
	actor: Actor,
	orderId: number,
	type: InsideEventType,
	work: (tx: Tx, card: OrderCard) => Promise<InsideDetail | null>
): Promise<number | null> {
	const { seq } = await runCommand(services, async (tx) => {
		const card = await lockOrder(tx, orderId);
		const detail = await work(tx, card);
		// An edit that changes nothing (the stone already reads so) writes nothing.
		if (detail === null) return { result: undefined, event: null };
		const { event } = await appendInsideEvent(tx, actor, card, type, detail);
		return { result: undefined, event };
	});
	return seq;
}

/**
 * Appends the event of a change inside an order, inside the caller's transaction: its detail with
 * the card's fields that changed since `card` was read. Returns the event and the card as it is now.
 */
export async function appendInsideEvent(
	tx: Tx,
	actor: Actor,
	card: OrderCard,
	type: InsideEventType,
	detail: InsideDetail
): Promise<{ event: OrderEvent; card: OrderCard }> {
	const now = (await readCard(tx, card.id))!;
	const shown = cardDifference(card, now);
	const event = await appendEvent(tx, card.id, type, actor, { ...shown, detail });
	return { event, card: now };
}

/** The fields of `input` whose value differs from `current`: what an edit really changes. */
export function changedFields<T extends object>(
	current: T,
	input: Partial<T>,
	fields: readonly (keyof T)[]
): { before: Partial<T>; after: Partial<T> } {
	const before: Partial<T> = {};
	const after: Partial<T> = {};
	for (const field of fields) {
		const value = input[field];
		if (value === undefined || value === current[field]) continue;
		before[field] = current[field];
		after[field] = value;
	}
	return { before, after };
}
