import {
	activeFilterCount,
	boardViewQuery,
	matchesFilters,
	readBoardView,
	sortByDue
} from '../board/filters';
import { todayIn } from '../due';
import { maskCard } from '../masking';
import { BOARD_STAGES, type BoardStage } from '../stages';
import type { Board, OrderCard } from '../types';
import { displayLocationOf } from './auth/displays';
import { requirePermission } from './auth/roles';
import type { Sql } from './db';
import { invalid } from './errors';
import type { Actor } from './events';
import { readLocationSummaries } from './locations';
import { readSettings } from './settings';
import { readWipLimitsFor } from './wip-limits';
import { atRiskOrderIds } from './forecast/open-orders';
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
		// A wall display limited to one location gets that location's orders only (`belongsTo`):
		// taken in, picked up, the piece there, or on its way there.
		const locationId = await displayLocationOf(tx, actor);
		const here =
			locationId === null
				? tx`true`
				: tx`${locationId} in (intake_location_id, pickup_location_id, location_id, transit_to_id)`;
		const counts = await tx<{ stage: BoardStage; count: number }[]>`
			select stage, count(*)::int as count
			from ${locationId === null ? tx`orders` : tx`order_cards`}
			where order_key is not null and ${here} group by stage`;
		const stageCounts = Object.fromEntries(BOARD_STAGES.map((stage) => [stage, 0])) as Record<
			BoardStage,
			number
		>;
		for (const { stage, count } of counts) stageCounts[stage] = count;
		const orders =
			options.perStage === undefined
				? await tx<OrderCard[]>`
					select * from order_cards where order_key is not null and ${here}
					order by stage, order_key`
				: await tx<OrderCard[]>`
					select oc.* from order_cards oc
					join (
						select id, row_number() over (partition by stage order by order_key) as position
						from ${locationId === null ? tx`orders` : tx`order_cards`}
						where order_key is not null and ${here}
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
			orders: orders.map(shown),
			locations: await readLocationSummaries(tx),
			transferAlertHours: settings.transferAlertHours,
			...(locationId === null ? {} : { limitedTo: locationId })
		};
	});
}

/**
 * The board as the API answers it: every open order, or those that the board's URL filters keep
 * (its very parameters, read by its own `readBoardView`, and matched by its own `matchesFilters`),
 * in the board's order or by due date. A value that does not parse is a 400 naming its parameter.
 * Filters match what this actor's board shows: a wall display's search finds the masked names.
 */
export async function readBoard(sql: Sql, actor: Actor, query: URLSearchParams): Promise<Board> {
	const { view, problems } = readBoardView(query);
	if (problems.length) throw invalid(problems[0].param, problems[0].message);
	const board = await getBoard(sql, actor);
	if (activeFilterCount(view.filters) === 0 && view.sort === 'manual') return board;
	const context = {
		today: board.today,
		timeZone: board.timeZone,
		thresholds: board.stageThresholds,
		atRisk: view.filters.atRisk
			? await atRiskOrderIds(sql, actor, board.orders, board.timeZone)
			: undefined
	};
	const kept = board.orders.filter((card) => matchesFilters(card, view.filters, context));
	const orders =
		view.sort === 'due'
			? BOARD_STAGES.flatMap((stage) => sortByDue(kept.filter((card) => card.stage === stage)))
			: kept;
	return { ...board, orders, view: boardViewQuery(view) };
}
