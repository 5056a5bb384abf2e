import type { CardAnswer } from '../api/answers';
import { shopFormat } from '../words/format';
import { STAGE_LABELS } from '../stages';
import type { OrderEventPayload, PickupDetail } from '../events';
import { pickUpOrderSchema } from '../validation';
import { can, requirePermission } from './auth/roles';
import { cardDifference, lockOrder, readCard, runCardCommand } from './commands';
import { returnAllForPickup } from './custody';
import type { Sql } from './db';
import { conflict, DomainError, parseInput } from './errors';
import { appendEvent, type Actor } from './events';
import { balanceOf } from './payments';
import type { Services } from './services';
import { readSettings } from './settings';
import { withdrawReadyMessages } from './updates/outbox';

/** The release of a finished piece to its customer, as the pickup receipt states it. */
export interface Release {
	at: string;
	releasedBy: string;
	/** Still owed when the piece left; null with no quote, or for roles that may not see money. */
	balanceCents: number | null;
	/** Why a manager let it go with a balance owed. */
	overrideReason: string | null;
	/** Handed back with the piece, with the weight taken when each came in. */
	itemsReturned: Omit<PickupDetail['itemsReturned'][number], 'from'>[];
}

/** The order's latest release, read from the log; null while it has not been picked up. */
export async function readRelease(
	sql: Sql,
	actor: Actor,
	orderId: number
): Promise<Release | null> {
	requirePermission(actor, 'orders.read');
	const [event] = await sql<
		{ createdAt: Date; actorName: string; payload: OrderEventPayload<'order.picked_up'> }[]
	>`
		select e.created_at, u.display_name as actor_name, e.payload
		from order_events e join users u on u.id = e.actor_id
		where e.order_id = ${orderId} and e.type = 'order.picked_up'
		order by e.seq desc limit 1`;
	if (!event) return null;
	const detail: Partial<PickupDetail> = event.payload.detail?.after ?? {};
	const returned = detail.itemsReturned ?? [];
	const ids = returned.map((item) => item.id);
	const checkedIn = ids.length
		? await sql<{ id: number; weight: string | number | null }[]>`
				select id, weight from customer_items where id in ${sql(ids)}`
		: [];
	const weightAtCheckIn = new Map(checkedIn.map((item) => [item.id, item.weight]));
	return {
		at: event.createdAt.toISOString(),
		releasedBy: detail.releasedBy ?? event.actorName,
		balanceCents: can(actor.role, 'money.read') ? (detail.balanceCents ?? null) : null,
		// Why it went out unpaid is about the money owed: it goes with the balance (as in the history).
		overrideReason: can(actor.role, 'money.read') ? (detail.overrideReason ?? null) : null,
		itemsReturned: returned.map((item) => {
			const weight = item.weight ?? weightAtCheckIn.get(item.id) ?? null;
			return {
				id: item.id,
				description: item.description,
				weight: weight === null ? null : Number(weight),
				weightUnit: item.weightUnit
			};
		})
	};
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
): Promise<CardAnswer> {
	requirePermission(actor, 'orders.pickUp');
	const data = parseInput(pickUpOrderSchema, input);
	return runCardCommand(services, async (tx) => {
		const current = await lockOrder(tx, id, data.version);
		if (current.stage !== 'ready') {
			throw conflict(
				`${current.number} is in ${STAGE_LABELS[current.stage]}: only a piece that is Ready for pickup can be picked up`,
				current
			);
		}
		if (current.transitSince !== null) {
			throw conflict(
				`${current.number} is in transit: receive it at the store before handing it over`,
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
					overrideReason:
						balanceCents !== null && balanceCents > 0 ? (data.overrideReason ?? null) : null,
					itemsReturned: returned
				}
			}
		});
		return { result: card, event };
	});
}
