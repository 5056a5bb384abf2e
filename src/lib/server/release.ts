import type { Holder, OrderEventPayload } from '../types';
import type { WeightUnit } from '../vocabulary';
import { can, requirePermission } from './auth/roles';
import type { Sql } from './db';
import type { Actor } from './events';

/** What `pickUpOrder` writes in the `order.picked_up` event's detail. */
interface PickupDetail {
	releasedBy: string;
	balanceCents: number | null;
	overrideReason: string | null;
	itemsReturned: {
		id: number;
		description: string;
		from: Holder;
		weight: number | null;
		weightUnit: WeightUnit;
	}[];
}

/** The release of a finished piece to its customer, as the pickup receipt states it. */
export interface Release {
	at: string;
	releasedBy: string;
	/** Still owed when the piece left; null with no quote, or for roles that may not see money. */
	balanceCents: number | null;
	/** Why a manager let it go with a balance owed. */
	overrideReason: string | null;
	/** Handed back with the piece, with the weight taken when each came in. */
	itemsReturned: {
		id: number;
		description: string;
		weight: number | null;
		weightUnit: WeightUnit;
	}[];
}

/** The order's latest release, read from the log; null while it has not been picked up. */
export async function readRelease(
	sql: Sql,
	actor: Actor,
	orderId: number
): Promise<Release | null> {
	requirePermission(actor, 'orders.read');
	const [event] = await sql<{ createdAt: Date; actorName: string; payload: OrderEventPayload }[]>`
		select e.created_at, u.display_name as actor_name, e.payload
		from order_events e join users u on u.id = e.actor_id
		where e.order_id = ${orderId} and e.type = 'order.picked_up'
		order by e.seq desc limit 1`;
	if (!event) return null;
	const detail = (event.payload.detail?.after ?? {}) as Partial<PickupDetail>;
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
