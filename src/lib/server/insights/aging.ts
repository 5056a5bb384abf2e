import { BOARD_STAGES, type BoardStage } from '../../stages';
import type { AgingChart, InsightsScope } from '../../insights/charts';
import { stageSpreads } from './cycle-time';
import { orderFilter, tenths, type Q } from './scope';

/**
 * Every open order as a dot: business days in its stage so far, beside the stage's usual time
 * (the 85th percentile of the stage's completed visits in the period). The dot links to the order.
 */
export async function aging(q: Q, scope: InsightsScope): Promise<AgingChart> {
	const [spreads, orders] = await Promise.all([
		stageSpreads(q, scope),
		// An open order's visit of its stage is the order's own stage and stage_entered_at (the
		// visits are kept from the same events): read from the board's index, not the visits.
		q<AgingChart['orders']>`
			select o.id, o.number, o.title, o.piece_type, o.stage,
				business_days(o.stage_entered_at, ${scope.now}, ${scope.timeZone}) as days
			from orders o
			where o.order_key is not null and o.stage in ${q(BOARD_STAGES)} ${orderFilter(q, scope)}
			order by o.stage_entered_at, o.id`
	]);
	const usual = Object.fromEntries(BOARD_STAGES.map((stage) => [stage, null])) as Record<
		BoardStage,
		number | null
	>;
	for (const row of spreads) usual[row.stage] = tenths(row.p85);
	return {
		chart: 'aging',
		usual,
		orders: orders.map((order) => ({ ...order, days: tenths(order.days) ?? 0 }))
	};
}
