import { keyBetween } from '../order-key';
import { BOARD_STAGES, isBoardStage, STAGE_LABELS, type BoardStage } from '../stages';
import type { Board, Order, OrderCard, OrderEvent } from '../types';
import { todayIn } from '../due';
import {
	createOrderSchema,
	moveOrderSchema,
	EDITABLE_ORDER_FIELDS,
	ORDER_FIELDS,
	sizeProblem,
	pickUpOrderSchema,
	updateOrderSchema
} from '../validation';
import type { Sql, Tx } from './db';
import { conflict, DomainError, invalid, parseInput } from './errors';
import { appendEvent, type Actor } from './events';
import { can, requirePermission } from './auth/roles';
import { returnAllForPickup } from './custody';
import { queueMessage, withdrawReadyMessages } from './updates/outbox';
import { newStatusToken } from './updates/status-link';
import { balanceOf } from './payments';
import { UNDO_WINDOW_MS } from '../vocabulary';
import { shopFormat } from '../format';
import { maskCard } from '../masking';
import { insertCustomer, requireCustomer } from './customers';
import { readSettings } from './settings';
import type { Services } from './services';
import { cardDifference, changedFields, lockOrder, readCard, runCommand } from './commands';
import { getOrder } from './order-record';
import { snapshot } from './transaction';
import { keyBetweenCards, lockStage, nextInStage, placeOrder } from './placement';

export { getOrder };

export async function createOrder(
	services: Services,
	actor: Actor,
	input: unknown
): Promise<OrderCard> {
	requirePermission(actor, 'orders.create');
	const data = parseInput(createOrderSchema, input);
	if (data.quotedPriceCents != null) requirePermission(actor, 'money.edit');
	const { customer, ...fields } = data;
	return runCommand(services, async (tx) => {
		const added = 'id' in customer ? null : await insertCustomer(tx, actor, customer);
		const customerId = added?.id ?? (await requireCustomer(tx, (customer as { id: number }).id));
		await lockStage(tx, 'intake');
		// New orders go to the top of Intake, where the shop sees them first.
		const first = await nextInStage(tx, 'intake', null, null);
		const row: Record<string, unknown> = {
			customerId,
			stage: 'intake',
			orderKey: keyBetween(null, first?.orderKey ?? null),
			rush: false,
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
		return { result: card, event: added ? [added.event, event] : event };
	});
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
type OrderFields = Record<(typeof ORDER_FIELDS)[number], unknown>;

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
): Promise<OrderCard> {
	requirePermission(actor, 'orders.edit');
	const data = parseInput(updateOrderSchema, input);
	if (data.quotedPriceCents !== undefined) requirePermission(actor, 'money.edit');
	return runCommand(services, async (tx) => {
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
): Promise<OrderCard> {
	requirePermission(actor, 'orders.move');
	const data = parseInput(moveOrderSchema, input);
	return runCommand(services, async (tx) => {
		await lockStage(tx, data.stage);
		const current = await lockOrder(tx, id, data.version);
		if (data.afterId === id)
			throw conflict(`${current.number} cannot be placed after itself`, current);

		let previousKey: string | null = null;
		if (data.afterId !== null) {
			const [neighbour] = await tx<{ stage: string; orderKey: string | null }[]>`
				select stage, order_key from orders where id = ${data.afterId}`;
			if (!neighbour || neighbour.stage !== data.stage) {
				throw conflict(
					`The card you placed ${current.number} after is no longer in ${STAGE_LABELS[data.stage]}`,
					current
				);
			}
			previousKey = neighbour.orderKey;
		}
		const next = await nextInStage(tx, data.stage, previousKey, id);
		const alreadyThere =
			current.stage === data.stage &&
			current.orderKey !== null &&
			(previousKey === null || current.orderKey > previousKey) &&
			(!next || current.orderKey < next.orderKey);
		if (alreadyThere) return { result: current, event: null };

		const place = await keyBetweenCards(tx, data.stage, id, previousKey, next);
		const { card, moved } = await placeOrder(tx, current, { stage: data.stage, ...place });
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
		const event = await appendEvent(tx, id, 'order.moved', actor, {
			...moved,
			...(told ? { detail: { before: null, after: { messageQueued: told } } } : {}),
			...(withdrawn.length
				? { detail: { before: null, after: { messageWithdrawn: withdrawn[0] } } }
				: {})
		});
		return { result: card, event };
	});
}

/**
 * Releases a finished piece to the customer. Every item of theirs still in the store's care is
 * confirmed handed back (and recorded so, in the same event); a balance still owed needs a
 * manager's override with a reason; the event names who released it.
 */
export async function pickUpOrder(
	services: Services,
	actor: Actor,
	id: number,
	input: unknown
): Promise<OrderCard> {
	requirePermission(actor, 'orders.pickUp');
	const data = parseInput(pickUpOrderSchema, input);
	return runCommand(services, async (tx) => {
		const current = await lockOrder(tx, id, data.version);
		if (current.stage !== 'ready') {
			throw conflict(
				`${current.number} is in ${STAGE_LABELS[current.stage]}: only a piece that is Ready for pickup can be picked up`,
				current
			);
		}
		const balanceCents = await balanceOf(tx, id);
		if (balanceCents !== null && balanceCents > 0) {
			if (!data.overrideReason) {
				throw conflict(
					`${current.number} still has a balance of ${shopFormat(await readSettings(tx)).amount(balanceCents)}: take the payment first, or a manager releases it with a reason`,
					current
				);
			}
			if (!can(actor.role, 'orders.releaseOverride')) {
				throw new DomainError(
					403,
					'forbidden',
					`Only a manager or the owner may release a piece with a balance owed (your role: ${actor.role})`
				);
			}
		}
		const returned = await returnAllForPickup(tx, actor, id, data.returnedItemIds);
		const [{ stillHere }] = await tx<{ stillHere: number }[]>`
			select count(*)::int as still_here from stones
			where order_id = ${id} and source = 'customer' and state <> 'returned'`;
		if (stillHere > 0) {
			// A customer's stone that never came in (still "expected") has no item to hand back.
			throw conflict(
				`${current.number} still lists ${stillHere === 1 ? 'a stone' : `${stillHere} stones`} of the customer's own that ${stillHere === 1 ? 'is' : 'are'} not marked returned: mark ${stillHere === 1 ? 'it' : 'them'} returned to the customer, or remove ${stillHere === 1 ? 'it' : 'them'} if it never came in`,
				current
			);
		}
		await tx`
			update orders
			set stage = 'picked_up', order_key = null, version = version + 1, updated_at = now(),
				stage_entered_at = now()
			where id = ${id}`;
		await withdrawReadyMessages(tx, id, 'the piece was picked up before the message went out');
		const card = (await readCard(tx, id))!;
		// The customer's things handed back in the release: the card's markers change with it.
		const held = cardDifference(
			{ customerStones: current.customerStones, customerItems: current.customerItems },
			{ customerStones: card.customerStones, customerItems: card.customerItems }
		);
		const event = await appendEvent(tx, id, 'order.picked_up', actor, {
			before: {
				stage: current.stage,
				orderKey: current.orderKey,
				version: current.version,
				stageEnteredAt: current.stageEnteredAt,
				...held.before
			},
			after: {
				stage: card.stage,
				orderKey: null,
				version: card.version,
				stageEnteredAt: card.stageEnteredAt,
				...held.after
			},
			detail: {
				before: null,
				after: {
					releasedBy: actor.name,
					balanceCents,
					overrideReason: balanceCents !== null && balanceCents > 0 ? data.overrideReason : null,
					itemsReturned: returned
				}
			}
		});
		return { result: card, event };
	});
}

/**
 * The open orders by position, with the seq they reflect, read from one snapshot. With `perStage`,
 * only the top of each column (what a first paint needs); `stageCounts` always has every column's
 * full count, and `complete` says whether `orders` holds them all.
 */
export async function getBoard(
	sql: Sql,
	actor: Actor,
	options: { perStage?: number } = {}
): Promise<Board> {
	requirePermission(actor, 'board.read');
	// A wall display may face the showroom: customers as first name and last initial only.
	const shown = actor.role === 'display' ? maskCard : (card: OrderCard) => card;
	return snapshot(sql, async (tx) => {
		const settings = await readSettings(tx);
		const [{ lastSeq }] = await tx<{ lastSeq: number }[]>`select last_seq from event_counter`;
		const counts = await tx<{ stage: BoardStage; count: number }[]>`
			select stage, count(*)::int as count from orders where order_key is not null group by stage`;
		const stageCounts = Object.fromEntries(BOARD_STAGES.map((stage) => [stage, 0])) as Record<
			BoardStage,
			number
		>;
		for (const { stage, count } of counts) stageCounts[stage] = count;
		const orders =
			options.perStage === undefined
				? await tx<OrderCard[]>`
					select * from order_cards where order_key is not null order by stage, order_key`
				: await tx<OrderCard[]>`
					select oc.* from order_cards oc
					join (
						select id, row_number() over (partition by stage order by order_key) as position
						from orders where order_key is not null
					) ranked on ranked.id = oc.id
					where ranked.position <= ${options.perStage}
					order by oc.stage, oc.order_key`;
		return {
			shopName: settings.shopName,
			timeZone: settings.timeZone,
			today: todayIn(settings.timeZone),
			seq: lastSeq,
			stageThresholds: settings.stageThresholds,
			stageCounts,
			complete: orders.length === counts.reduce((sum, row) => sum + row.count, 0),
			orders: orders.map(shown)
		};
	});
}
