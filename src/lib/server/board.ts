import { todayIn } from '../due';
import { maskCard } from '../masking';
import { BOARD_STAGES, type BoardStage } from '../stages';
import type { Board, OrderCard } from '../types';
import { requirePermission } from './auth/roles';
import type { Sql } from './db';
import type { Actor } from './events';
import { readSettings } from './settings';
import { readWipLimitsFor } from './wip-limits';
import { snapshot } from './transaction';

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
			wipLimits: await readWipLimitsFor(tx, actor),
			stageCounts,
			complete: orders.length === counts.reduce((sum, row) => sum + row.count, 0),
			orders: orders.map(shown)
		};
	});
}
