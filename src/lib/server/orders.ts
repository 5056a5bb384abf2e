import type { CardAnswer } from '../api/answers';
import { keyBetween } from '../board/order-key';
import { STAGE_LABELS, type BoardStage } from '../stages';
import {
	createOrderSchema,
	moveOrderSchema,
	EDITABLE_ORDER_FIELDS,
	ORDER_FIELDS,
	sizeProblem,
	updateOrderSchema
} from '../validation';
import { UNDO_WINDOW_MS } from '../words/vocabulary';
import { requirePermission } from './auth/roles';
import type { z } from 'zod';
import type { OrderEvent } from '../events';
import type { OrderCard } from '../types';
import type { depositSchema } from '../validation';
import {
	appendInsideEvent,
	changedFields,
	lockOrder,
	readCard,
	runCardCommand,
	type Change
} from './commands';
import type { Tx } from './db';
import { insertPayment } from './payments';
import { insertStone, requireStonePermissions, type NewStone } from './stones';
import { insertCustomer, requireCustomer } from './customers';
import { orderPlaces, requireOpenLocation } from './locations';
import { conflict, invalid, parseInput } from './errors';
import { appendEvent, type Actor } from './events';
import { getOrder } from './order-record';
import {
	keyBetweenCards,
	lockStage,
	nextInStage,
	placeOrder,
	stageAndKey,
	transactionTime
} from './placement';
import type { Services } from './services';
import { queueMessage, withdrawReadyMessages } from './updates/outbox';
import { newStatusToken } from './updates/status-link';

/** The commands that make, edit and move an order (its release is in release.ts, the board in board.ts). */
export { getOrder };

export async function createOrder(
	services: Services,
	actor: Actor,
	input: unknown
): Promise<CardAnswer> {
	requirePermission(actor, 'orders.create');
	const data = parseInput(createOrderSchema, input);
	if (data.quotedPriceCents != null) requirePermission(actor, 'money.edit');
	const { stones = [], deposit } = data;
	for (const stone of stones) requireStonePermissions(actor, stone);
	if (
		stones.some(
			(stone) => stone.source === 'customer' && (stone.state ?? 'expected') !== 'expected'
		)
	)
		requirePermission(actor, 'custody.checkIn');
	if (deposit) requirePermission(actor, 'money.edit', 'Your role may not take payments');
	return runCardCommand(services, (tx) => insertOrder(tx, actor, data));
}

/**
 * The new order, its customer when new, stones and deposit, inside the caller's transaction (the
 * intake form's, or an import's row). It goes to the top of its stage: Intake unless an import
 * brings it from another tracker where it is further along.
 */
export async function insertOrder(
	tx: Tx,
	actor: Actor,
	data: z.output<typeof createOrderSchema>,
	stage: BoardStage = 'intake'
): Promise<Change<OrderCard>> {
	const { customer, stones = [], deposit, intakeLocationId, pickupLocationId, ...fields } = data;
	const places = await orderPlaces(tx, actor, { intakeLocationId, pickupLocationId });
	const added = 'id' in customer ? null : await insertCustomer(tx, actor, customer);
	const customerId = added?.id ?? (await requireCustomer(tx, (customer as { id: number }).id));
	await lockStage(tx, stage);
	// New orders go to the top of their stage (Intake), where the shop sees them first.
	const first = await nextInStage(tx, stage, null, null);
	const row: Record<string, unknown> = {
		customerId,
		stage,
		orderKey: keyBetween(null, first?.orderKey ?? null),
		rush: false,
		...places,
		// The piece starts where it is taken in.
		locationId: places.intakeLocationId,
		...newStatusToken()
	};
	for (const field of ORDER_FIELDS) if (fields[field] !== undefined) row[field] = fields[field];
	const [{ id }] = await tx<{ id: number }[]>`insert into orders ${tx(row)} returning id`;
	const card = (await readCard(tx, id))!;
	const details = Object.fromEntries(
		ORDER_FIELDS.filter((field) => !(field in card) && row[field] != null).map((field) => [
			field,
			row[field]
		])
	);
	const event = await appendEvent(tx, id, 'order.created', actor, {
		before: null,
		after: card,
		...(Object.keys(details).length ? { detail: { before: null, after: details } } : {})
	});
	const taken = await takeIn(tx, actor, card, stones, deposit);
	return { result: taken.card, event: [added?.event ?? [], event, taken.events].flat() };
}

/**
 * What the customer hands over at the counter with a new order, in its transaction: each stone
 * (a customer's stone already here is checked into custody) and the deposit, each with its own
 * event as if added on the order page, so the history reads the same either way.
 */
async function takeIn(
	tx: Tx,
	actor: Actor,
	created: OrderCard,
	stones: NewStone[],
	deposit: z.output<typeof depositSchema> | undefined
): Promise<{ card: OrderCard; events: OrderEvent[] }> {
	let card = created;
	const events: OrderEvent[] = [];
	for (const [index, stone] of stones.entries()) {
		const row = await insertStone(tx, actor, card.id, stone, `stones[${index}]`);
		const added = await appendInsideEvent(tx, actor, card, 'stone.added', {
			before: null,
			after: row
		});
		card = added.card;
		events.push(added.event);
	}
	if (deposit) {
		const payment = await insertPayment(tx, actor, card.id, { kind: 'deposit', ...deposit });
		const recorded = await appendInsideEvent(tx, actor, card, 'payment.recorded', {
			before: null,
			after: payment
		});
		card = recorded.card;
		events.push(recorded.event);
	}
	return { card, events };
}

/** Throws a 400 naming the half of a size that is missing or wrong. */
function checkSizePair(value: string | null, scale: string | null): void {
	if (value === null && scale === null) return;
	if (value === null) throw invalid('sizeValue', 'is required with a size scale');
	if (scale === null) throw invalid('sizeScale', 'is required with a size (US, UK, EU, in or cm)');
	const problem = sizeProblem(value, scale);
	if (problem) throw invalid('sizeValue', problem);
}

/** The order's own columns, as an edit compares them. */
type OrderFields = Record<(typeof EDITABLE_ORDER_FIELDS)[number], unknown>;

/**
 * Changes an order's fields. The version the client saw must still be current: another person's
 * change is never silently overwritten. What the board card shows travels in the event's
 * before/after; the rest (notes, price) in its detail, which screens never receive.
 */
export async function updateOrder(
	services: Services,
	actor: Actor,
	id: number,
	input: unknown
): Promise<CardAnswer> {
	requirePermission(actor, 'orders.edit');
	const data = parseInput(updateOrderSchema, input);
	if (data.quotedPriceCents !== undefined) requirePermission(actor, 'money.edit');
	return runCardCommand(services, async (tx) => {
		const current = await lockOrder(tx, id, data.version);
		const [row] = await tx<OrderFields[]>`
			select ${tx(EDITABLE_ORDER_FIELDS)} from orders where id = ${id}`;
		// A size is read on its scale: check the pair as it will be, whichever half was sent.
		if (data.sizeValue !== undefined || data.sizeScale !== undefined) {
			checkSizePair(
				data.sizeValue !== undefined ? data.sizeValue : (row.sizeValue as string | null),
				data.sizeScale !== undefined ? data.sizeScale : (row.sizeScale as string | null)
			);
		}
		if (data.pickupLocationId !== undefined && data.pickupLocationId !== row.pickupLocationId)
			await requireOpenLocation(tx, data.pickupLocationId, 'pickupLocationId', 'store');
		const { before, after } = changedFields(
			row,
			data as Partial<OrderFields>,
			EDITABLE_ORDER_FIELDS
		);
		if (Object.keys(after).length === 0) return { result: current, event: null };
		await tx`
			update orders set ${tx(after as Record<string, unknown>)}, version = version + 1, updated_at = now()
			where id = ${id}`;
		const card = (await readCard(tx, id))!;
		const onCard = (fields: Partial<OrderFields>) =>
			Object.fromEntries(Object.entries(fields).filter(([field]) => field in card));
		const offCard = (fields: Partial<OrderFields>) =>
			Object.fromEntries(Object.entries(fields).filter(([field]) => !(field in card)));
		const detail = { before: offCard(before), after: offCard(after) };
		const event = await appendEvent(tx, id, 'order.updated', actor, {
			before: { ...onCard(before), version: current.version },
			after: { ...onCard(after), version: card.version },
			...(Object.keys(detail.after).length ? { detail } : {})
		});
		return { result: card, event };
	});
}

/**
 * Places the order directly after `afterId` in `stage` (null: at the top). The server picks the
 * key; if keys in the column have grown long it lays the whole column out anew in the same event.
 */
export async function moveOrder(
	services: Services,
	actor: Actor,
	id: number,
	input: unknown
): Promise<CardAnswer> {
	requirePermission(actor, 'orders.move');
	const data = parseInput(moveOrderSchema, input);
	return runCardCommand(services, async (tx) => {
		// One round trip: the column's lock, the order's, then reads that see what both waited for
		// (each is sent when called, in this order; the server runs them in turn, so each read is a
		// statement of its own that starts after the locks are held).
		const afterId = data.afterId;
		const [, current, neighbour, next, now] = await Promise.all([
			lockStage(tx, data.stage),
			lockOrder(tx, id, data.version),
			afterId === null ? null : stageAndKey(tx, afterId),
			nextInStage(tx, data.stage, afterId === null ? null : { id: afterId }, id),
			transactionTime(tx)
		]);
		if (afterId === id) throw conflict(`${current.number} cannot be placed after itself`, current);
		if (afterId !== null && neighbour?.stage !== data.stage) {
			throw conflict(
				`The card you placed ${current.number} after is no longer in ${STAGE_LABELS[data.stage]}`,
				current
			);
		}
		const previousKey = neighbour?.orderKey ?? null;
		const alreadyThere =
			current.stage === data.stage &&
			current.orderKey !== null &&
			(previousKey === null || current.orderKey > previousKey) &&
			(!next || current.orderKey < next.orderKey);
		if (alreadyThere) return { result: current, event: null };

		const place = await keyBetweenCards(tx, data.stage, id, previousKey, next);
		// The customer hears when it is ready: the message commits with the move, or not at all; a
		// move back out of Ready takes a message that has not gone yet back with it.
		const told =
			data.stage === 'ready' && current.stage !== 'ready'
				? await queueMessage(tx, services, actor, id, 'ready', '', UNDO_WINDOW_MS)
				: null;
		const withdrawn =
			current.stage === 'ready' && data.stage !== 'ready'
				? await withdrawReadyMessages(
						tx,
						id,
						`the order was moved back to ${STAGE_LABELS[data.stage]} before the message went out`
					)
				: [];
		const { card, moved, written } = placeOrder(tx, current, {
			stage: data.stage,
			...place,
			enteredAt: current.stage === data.stage ? current.stageEnteredAt : now
		});
		const [, event] = await Promise.all([
			written,
			appendEvent(tx, id, 'order.moved', actor, {
				...moved,
				...(told ? { detail: { before: null, after: { messageQueued: told } } } : {}),
				...(withdrawn.length
					? { detail: { before: null, after: { messageWithdrawn: withdrawn[0] } } }
					: {})
			})
		]);
		return { result: card, event };
	});
}
