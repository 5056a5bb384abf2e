import { mergeBins, summariseBins, type DwellBin } from '../../forecast/bins';
import type { DwellSummary } from '../../forecast/dwell';
import type { ForecastHistory } from '../../forecast/history';
import { historyKey } from '../../forecast/history';
import { BOARD_STAGES, type BoardStage } from '../../stages';
import type { Sql, Tx } from '../db';

/** Stages a piece is worked in: time in Ready is the customer's, not the shop's. */
const WORK_STAGES = BOARD_STAGES.filter((stage) => stage !== 'ready');

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
export async function readForecastHistory(q: Sql | Tx): Promise<ForecastHistory> {
	// Each visit's business days are stored when it closes (migrations/0021_visit_days.sql), on the
	// shop's clock in the settings' time zone.
	const rows = await q<BinRow[]>`
		select o.piece_type, o.rush, v.stage, floor(ln(1 + v.days * 24) * 20)::int as bin,
			count(*)::int as count, min(v.days) as low, max(v.days) as high
		from stage_visits v
		join orders o on o.id = v.order_id
		where v.left_at is not null and v.stage in ${q(WORK_STAGES)}
		group by o.piece_type, o.rush, v.stage, bin`;
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
