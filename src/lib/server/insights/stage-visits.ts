import type { Sql, Tx } from '../db';

/**
 * Reads of `stage_visits` (migrations/0018_stage_visits.sql): one row per time an order entered a
 * stage, kept by the same transaction as the event that moved it. An undone move leaves no visit;
 * a move back opens a new visit of the earlier stage.
 */

export interface CompletedVisit {
	orderId: number;
	pieceType: string;
	stage: string;
	enteredAt: Date;
	leftAt: Date;
}

export interface VisitWindow {
	/** Only visits that ended at or after this time. */
	since?: Date;
}

/** Every completed visit (the order has left the stage), oldest exit first. */
export async function completedVisits(
	q: Sql | Tx,
	{ since }: VisitWindow = {}
): Promise<CompletedVisit[]> {
	return q<CompletedVisit[]>`
		select v.order_id, o.piece_type, v.stage, v.entered_at, v.left_at
		from stage_visits v
		join orders o on o.id = v.order_id
		where v.left_at is not null ${since ? q`and v.left_at >= ${since}` : q``}
		order by v.left_at, v.entered_seq`;
}

/** Hours spent in each stage by each piece type: `samples.get('pendant')?.get('casting')`. */
export type DwellSamples = Map<string, Map<string, number[]>>;

/**
 * The completed dwell times in hours per (piece type, stage), aggregated in SQL so a year of a
 * busy shop's history (hundreds of thousands of visits) crosses the wire as one row per pair.
 * Visits of picked-up or cancelled orders' final place never end, so they are not samples.
 */
export async function dwellSamples(
	q: Sql | Tx,
	{ since }: VisitWindow = {}
): Promise<DwellSamples> {
	const rows = await q<{ pieceType: string; stage: string; hours: number[] }[]>`
		select o.piece_type, v.stage,
			array_agg(extract(epoch from v.left_at - v.entered_at)::float8 / 3600 order by v.left_at) as hours
		from stage_visits v
		join orders o on o.id = v.order_id
		where v.left_at is not null ${since ? q`and v.left_at >= ${since}` : q``}
		group by o.piece_type, v.stage`;
	const samples: DwellSamples = new Map();
	for (const row of rows) {
		const byStage = samples.get(row.pieceType) ?? new Map<string, number[]>();
		byStage.set(row.stage, row.hours.map(Number));
		samples.set(row.pieceType, byStage);
	}
	return samples;
}
