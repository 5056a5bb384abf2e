import type { InsightsScope } from '../../insights/charts';
import type { Sql, Tx } from '../db';

export type Q = Sql | Tx;

/** The period's first instant: midnight of `from` in the shop's time zone. */
export const periodStart = (q: Q, scope: InsightsScope) =>
	q`((${scope.from}::date)::timestamp at time zone ${scope.timeZone})`;

/** Just past the period: midnight after `to` in the shop's time zone. */
export const periodEnd = (q: Q, scope: InsightsScope) =>
	q`((${scope.to}::date + 1)::timestamp at time zone ${scope.timeZone})`;

/** `and o.piece_type = ...` when the scope names one (`o` is the orders table). */
export const pieceTypeFilter = (q: Q, scope: InsightsScope) =>
	scope.pieceType ? q`and o.piece_type = ${scope.pieceType}` : q``;

/**
 * Each order's finish: the first time it reached Ready (or was picked up straight away). An order
 * moved back out of Ready and in again finished the first time.
 */
export const finishedOrders = (q: Q) => q`
	select order_id, min(entered_at) as finished_at
	from stage_visits
	where stage in ('ready', 'picked_up')
	group by order_id`;

/** A number from SQL (numeric and float8 can come back as text or number). */
export const num = (value: unknown): number | null =>
	value === null || value === undefined ? null : Number(value);

/** Rounded to tenths of a day, as the charts show them. */
export const tenths = (value: unknown): number | null => {
	const n = num(value);
	return n === null ? null : Math.round(n * 10) / 10;
};

/** `and v.order_id in (orders of the piece type)` when the scope names one, for reads with no join. */
export const visitPieceTypeFilter = (q: Q, scope: InsightsScope) =>
	scope.pieceType
		? q`and v.order_id in (select id from orders where piece_type = ${scope.pieceType})`
		: q``;
