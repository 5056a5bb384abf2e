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
 * Each order's finish: the first time it reached Ready (or was picked up straight away), and its
 * business days from creation to then. An order moved back out of Ready and in again finished the
 * first time. Kept by the same statement that writes the move (migrations/0021_visit_days.sql).
 */
export const finishedOrders = (q: Q) =>
	q`select order_id, finished_at, days, piece_type from order_finishes`;

/** `and f.piece_type = ...` when the scope names one (`f` is order_finishes). */
export const finishPieceTypeFilter = (q: Q, scope: InsightsScope) =>
	scope.pieceType ? q`and f.piece_type = ${scope.pieceType}` : q``;

/** A number from SQL (numeric and float8 can come back as text or number). */
export const num = (value: unknown): number | null =>
	value === null || value === undefined ? null : Number(value);

/** Rounded to tenths of a day, as the charts show them. */
export const tenths = (value: unknown): number | null => {
	const n = num(value);
	return n === null ? null : Math.round(n * 10) / 10;
};

/**
 * `and <column> in (orders of the piece type)` when the scope names one, for reads with no join
 * (`column` names the order id, `v.order_id` by default).
 */
export const visitPieceTypeFilter = (q: Q, scope: InsightsScope, column = 'v.order_id') =>
	scope.pieceType
		? q`and ${q(column)} in (select id from orders where piece_type = ${scope.pieceType})`
		: q``;
