import { QUANTILE_SHARES, type DwellSummary } from '../../forecast/dwell';
import type { ForecastHistory } from '../../forecast/history';
import { historyKey } from '../../forecast/history';
import { BOARD_STAGES, type BoardStage } from '../../stages';
import type { Sql, Tx } from '../db';

/** Stages a piece is worked in: time in Ready is the customer's, not the shop's. */
const WORK_STAGES = BOARD_STAGES.filter((stage) => stage !== 'ready');

/**
 * A moment's place on the business clock (src/lib/forecast/business-time.ts), in SQL: the index of
 * its local day (Monday to Saturday; 1969-12-29 was a Monday) plus the wall-clock time as a share
 * of the day; a Sunday counts as the Monday after it starts.
 */
function clock(q: Sql | Tx, local: string) {
	const days = q`(${q(local)}::date - date '1969-12-29')`;
	return q`((${days} / 7) * 6 + least(${days} % 7, 6)
		+ case when ${days} % 7 = 6 then 0
			else extract(epoch from ${q(local)} - ${q(local)}::date::timestamp) / 86400 end)`;
}

interface DwellRow {
	pieceType: string | null;
	rush: boolean | null;
	stage: BoardStage;
	count: number;
	quantiles: number[];
}

/**
 * The shop's completed stage visits (migrations/0018's stage_visits), as business-day dwells
 * summarised per piece type and stage, per piece type's rush orders, and over every piece, in one
 * pass: a year of a busy shop arrives as a few dozen rows of quantiles.
 */
export async function readForecastHistory(q: Sql | Tx, timeZone: string): Promise<ForecastHistory> {
	const rows = await q<DwellRow[]>`
		with local_visits as (
			select o.piece_type, o.rush, v.stage,
				v.entered_at at time zone ${timeZone} as entered, v.left_at at time zone ${timeZone} as left_
			from stage_visits v
			join orders o on o.id = v.order_id
			where v.left_at is not null and v.stage in ${q(WORK_STAGES)}
		), dwells as (
			select piece_type, rush, stage, ${clock(q, 'left_')} - ${clock(q, 'entered')} as days
			from local_visits
		)
		select case when grouping(piece_type) = 0 then piece_type end as piece_type,
			case when grouping(rush) = 0 then rush end as rush,
			stage, count(*)::int as count,
			percentile_cont(${QUANTILE_SHARES}::float8[]) within group (order by days) as quantiles
		from dwells
		group by grouping sets ((piece_type, rush, stage), (piece_type, stage), (stage))`;
	const finished = await q<{ pieceType: string; count: number }[]>`
		select o.piece_type, count(distinct v.order_id)::int as count
		from stage_visits v
		join orders o on o.id = v.order_id
		where v.stage = 'ready'
		group by o.piece_type`;
	const dwell: Record<string, DwellSummary> = {};
	for (const row of rows) {
		// Orders that were not rush are in their piece type's group already.
		if (row.rush === false) continue;
		const group =
			row.pieceType === null
				? 'all'
				: row.rush
					? { pieceType: row.pieceType, rush: true as const }
					: { pieceType: row.pieceType };
		dwell[historyKey(group, row.stage)] = {
			count: row.count,
			quantiles: row.quantiles.map((value) => Math.round(Number(value) * 10_000) / 10_000)
		};
	}
	return {
		dwell,
		finished: Object.fromEntries(finished.map((row) => [row.pieceType, row.count]))
	};
}
