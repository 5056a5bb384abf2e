import { BOARD_STAGES, type BoardStage } from '../../stages';
import type { CycleTimeChart, InsightsScope, OrderBehind } from '../../insights/charts';
import type { PieceType } from '../../words/vocabulary';
import {
	finishFilter,
	periodEnd,
	periodStart,
	orderFilter,
	tenths,
	visitFilter,
	type Q
} from './scope';

/**
 * Business days per stage (all of an order's visits to the stage added up, so a move back counts
 * its second stay too), for visits that ended in the period; and end to end, from the order's
 * creation to its first arrival in Ready, for orders that finished in the period.
 */
export async function cycleTime(q: Q, scope: InsightsScope): Promise<CycleTimeChart> {
	const [stages, endToEnd] = await Promise.all([
		stageSpreads(q, scope),
		q<{ pieceType: PieceType | null; count: number; median: number | null; p85: number | null }[]>`
			with spans as (
				select f.piece_type, f.days
				from order_finishes f
				where f.finished_at >= ${periodStart(q, scope)} and f.finished_at < ${periodEnd(q, scope)}
					${finishFilter(q, scope)}
			)
			select piece_type, count(*)::int as count,
				percentile_cont(0.5) within group (order by days) as median,
				percentile_cont(0.85) within group (order by days) as p85
			from spans
			group by grouping sets ((piece_type), ())`
	]);
	const byStage = new Map(stages.map((row) => [row.stage, row]));
	return {
		chart: 'cycle-time',
		stages: BOARD_STAGES.map((stage) => {
			const row = byStage.get(stage);
			return { stage, count: row?.count ?? 0, median: tenths(row?.median), p85: tenths(row?.p85) };
		}),
		// All pieces first, then each piece type by name.
		endToEnd: [...endToEnd].sort(allFirst).map((row) => ({
			pieceType: row.pieceType,
			count: row.count,
			median: tenths(row.median),
			p85: tenths(row.p85)
		}))
	};
}

/** The orders behind a stage's bar (`bucket` is the stage), or end to end (`bucket` = 'end-to-end'). */
export async function cycleTimeOrders(
	q: Q,
	scope: InsightsScope,
	bucket: string
): Promise<OrderBehind[] | null> {
	if (bucket === 'end-to-end') {
		return q<OrderBehind[]>`
			select o.id, o.number, o.title, o.piece_type, o.stage, o.due_date::text as due_date,
				round(f.days::numeric, 1)::float8 as days
			from order_finishes f
			join orders o on o.id = f.order_id
			where f.finished_at >= ${periodStart(q, scope)} and f.finished_at < ${periodEnd(q, scope)}
				${orderFilter(q, scope)}
			order by days desc, o.id
			limit 500`;
	}
	if (!(BOARD_STAGES as readonly string[]).includes(bucket)) return null;
	return q<OrderBehind[]>`
		select o.id, o.number, o.title, o.piece_type, o.stage, o.due_date::text as due_date,
			round(sum(v.days)::numeric, 1)::float8 as days
		from stage_visits v
		join orders o on o.id = v.order_id
		where v.stage = ${bucket} and v.left_at is not null
			and v.left_at >= ${periodStart(q, scope)} and v.left_at < ${periodEnd(q, scope)}
			${orderFilter(q, scope)}
		group by o.id
		order by days desc, o.id
		limit 500`;
}

const allFirst = (a: { pieceType: string | null }, b: { pieceType: string | null }) =>
	a.pieceType === null ? -1 : b.pieceType === null ? 1 : a.pieceType.localeCompare(b.pieceType);

/**
 * Each stage's median and 85th percentile in business days (rounded later), for visits that ended
 * in the period. Each visit's days are stored when it closes (migrations/0021_visit_days.sql), and
 * only the visits of an order that was in the stage more than once (`repeated`) are added up per
 * order: each stage is one range of its index, and one sort of its numbers.
 */
export function stageSpreads(q: Q, scope: InsightsScope) {
	const inPeriod = q`v.stage = s.stage and v.left_at is not null
		and v.left_at >= ${periodStart(q, scope)} and v.left_at < ${periodEnd(q, scope)}
		${visitFilter(q, scope)}`;
	return q<{ stage: BoardStage; count: number; median: number | null; p85: number | null }[]>`
		select s.stage, spread.*
		from unnest(${BOARD_STAGES as unknown as string[]}::text[]) as s(stage)
		cross join lateral (
			select count(*)::int as count,
				percentile_cont(0.5) within group (order by days) as median,
				percentile_cont(0.85) within group (order by days) as p85
			from (
				select v.days from stage_visits v where not v.repeated and ${inPeriod}
				union all
				select sum(v.days) from stage_visits v where v.repeated and ${inPeriod}
				group by v.order_id
			) per_order
		) spread
		where spread.count > 0`;
}
