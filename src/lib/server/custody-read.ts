import type { CustomerItem, Handoff } from '../types';
import { WEIGHT_TOLERANCE } from '../words/vocabulary';
import { can } from './auth/roles';
import type { ItemRow } from './custody';
import type { Sql, Tx } from './db';
import type { Actor } from './events';

/** Reading what the customer left with the store (the commands that move it are in custody.ts). */

type HandoffRow = Omit<Handoff, 'weightChange' | 'flagged' | 'at'> & { itemId: number; at: Date };

/** An order's items with their trails, weighings compared one to the next. */
export async function readItems(
	q: Sql | Tx,
	actor: Actor,
	orderId: number
): Promise<CustomerItem[]> {
	const items = await q<ItemRow[]>`
		select i.id, i.order_id, i.stone_id, i.kind, i.description, i.weight, i.weight_unit,
			i.declared_value_cents, i.holder, i.checked_in_at, u.display_name as checked_in_by,
			i.returned_at, i.version
		from customer_items i join users u on u.id = i.checked_in_by
		where i.order_id = ${orderId}
		order by i.returned_at is not null, i.id`;
	if (items.length === 0) return [];
	const handoffs = await q<HandoffRow[]>`
		select h.id, h.item_id, h.from_holder as from, h.to_holder as to, h.weight, h.note,
			u.display_name as by, h.at
		from custody_handoffs h join users u on u.id = h.actor_id
		where h.item_id in ${q(items.map((item) => item.id))}
		order by h.at, h.id`;
	const seesMoney = can(actor.role, 'money.read');
	return items.map((item) => {
		const tolerance = WEIGHT_TOLERANCE[item.weightUnit];
		let lastWeight: number | null = null;
		const trail: Handoff[] = handoffs
			.filter((handoff) => handoff.itemId === item.id)
			.map(({ itemId: _itemId, at, ...handoff }) => {
				const weightChange =
					handoff.weight !== null && lastWeight !== null
						? Math.round((handoff.weight - lastWeight) * 1000) / 1000
						: null;
				if (handoff.weight !== null) lastWeight = handoff.weight;
				return {
					...handoff,
					weightChange,
					flagged: weightChange !== null && Math.abs(weightChange) > tolerance + 1e-9,
					at: at.toISOString()
				};
			});
		return {
			...item,
			declaredValueCents: seesMoney ? item.declaredValueCents : null,
			checkedInAt: item.checkedInAt.toISOString(),
			returnedAt: item.returnedAt ? item.returnedAt.toISOString() : null,
			trail,
			flagged: trail.some((handoff) => handoff.flagged)
		};
	});
}
