import { mergeBins, summariseBins, type DwellBin } from '../../forecast/bins';
import type { DwellSummary } from '../../forecast/dwell';
import type { ForecastHistory } from '../../forecast/history';
import { historyKey } from '../../forecast/history';
import { BOARD_STAGES, type BoardStage } from '../../stages';
import type { Sql, Tx } from '../db';

/** Stages a piece is worked in: time in Ready is the customer's, not the shop's. */
const WORK_STAGES = BOARD_STAGES.filter((stage) => stage !== 'ready');

/**
 * A moment's place on the business clock (src/lib/forecast/business-time.ts), in SQL, from its
 * local time as days since 1970-01-01 (`local`): the index of its local day counting Monday to
 * Saturday (1970-01-01 was a Thursday, three days after a Monday) plus the time of day as a share
 * of it; a Sunday moment is the start of the Monday after it.
 */
function clock(q: Sql | Tx, local: string) {
	const day = q`(floor(${q(local)}) + 3)`;
	const weekday = q`(${day} - 7 * floor(${day} / 7))`;
	return q`(6 * floor(${day} / 7) + least(${weekday}, 6)
		+ case when ${weekday} = 6 then 0 else ${q(local)} - floor(${q(local)}) end)`;
}

interface BinRow extends DwellBin {
	pieceType: string;
	rush: boolean;
	stage: BoardStage;
}

/**
 * The shop's completed stage visits (migrations/0018's stage_visits), as business-day dwells
 * counted in bins per piece type, rush and stage (counting, not sorting: a year of a busy shop
 * arrives as a few thousand rows), then summarised per piece type's rush orders, per piece type
 * and over every piece.
 */
export async function readForecastHistory(q: Sql | Tx, timeZone: string): Promise<ForecastHistory> {
	const rows = await q<BinRow[]>`
		select piece_type, rush, stage, floor(ln(1 + days * 24) * 20)::int as bin,
			count(*)::int as count, min(days) as low, max(days) as high
		from (
			select piece_type, rush, stage, ${clock(q, 'left_')} - ${clock(q, 'entered')} as days
			from (
				select o.piece_type, o.rush, v.stage,
					extract(epoch from v.entered_at at time zone ${timeZone})::float8 / 86400 as entered,
					extract(epoch from v.left_at at time zone ${timeZone})::float8 / 86400 as left_
				from stage_visits v
				join orders o on o.id = v.order_id
				where v.left_at is not null and v.stage in ${q(WORK_STAGES)}
				offset 0
			) local_visits
			-- offset 0 keeps each subquery whole, so a visit's dwell is worked out once, not once
			-- for each place the outer query names it.
			offset 0
		) dwells
		group by piece_type, rush, stage, bin`;
	const finished = await q<{ pieceType: string; count: number }[]>`
		select o.piece_type, count(distinct v.order_id)::int as count
		from stage_visits v
		join orders o on o.id = v.order_id
		where v.stage = 'ready'
		group by o.piece_type`;
	const groups = new Map<string, DwellBin[][]>();
	const add = (key: string, bins: DwellBin[]) =>
		groups.set(key, [...(groups.get(key) ?? []), bins]);
	const byGroup = new Map<string, { row: BinRow; bins: DwellBin[] }>();
	for (const row of rows) {
		const key = `${row.pieceType}|${row.rush}|${row.stage}`;
		const kept = byGroup.get(key) ?? { row, bins: [] };
		kept.bins.push({ bin: row.bin, count: row.count, low: row.low, high: row.high });
		byGroup.set(key, kept);
	}
	for (const { row, bins } of byGroup.values()) {
		if (row.rush) add(historyKey({ pieceType: row.pieceType, rush: true }, row.stage), bins);
		add(historyKey({ pieceType: row.pieceType }, row.stage), bins);
		add(historyKey('all', row.stage), bins);
	}
	const dwell: Record<string, DwellSummary> = {};
	for (const [key, parts] of groups) {
		const summary = summariseBins(mergeBins(parts));
		dwell[key] = {
			count: summary.count,
			quantiles: summary.quantiles.map((value) => Math.round(value * 10_000) / 10_000)
		};
	}
	return {
		dwell,
		finished: Object.fromEntries(finished.map((row) => [row.pieceType, row.count]))
	};
}
