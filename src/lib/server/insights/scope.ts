import type { InsightsScope } from '../../insights/charts';
import type { Sql, Tx } from '../db';

export type Q = Sql | Tx;

/** The period's first instant: midnight of `from` in the shop's time zone. */
export const periodStart = (q: Q, scope: InsightsScope) =>
	q`((${scope.from}::date)::timestamp at time zone ${scope.timeZone})`;

/** Just past the period: midnight after `to` in the shop's time zone. */
export const periodEnd = (q: Q, scope: InsightsScope) =>
	q`((${scope.to}::date + 1)::timestamp at time zone ${scope.timeZone})`;

/**
 * An order is a location's when it was taken in there, will be picked up there, or the piece is
 * there now; an archived order's piece has left the shop, so only where it came in and went out
 * count. One predicate for every chart, so that their counts agree.
 */
const atLocation = (q: Q, locationId: number, alias: string) => q`(
	${q(alias + '.intake_location_id')} = ${locationId}
	or ${q(alias + '.pickup_location_id')} = ${locationId}
	or (${q(alias + '.order_key')} is not null and ${q(alias + '.location_id')} = ${locationId}))`;

/**
 * `and o.piece_type = ... and (o is the location's)` for what the scope names (`o` is the orders
 * table).
 */
export const orderFilter = (q: Q, scope: InsightsScope) =>
	q`${scope.pieceType ? q`and o.piece_type = ${scope.pieceType}` : q``}
	${scope.locationId !== null ? q`and ${atLocation(q, scope.locationId, 'o')}` : q``}`;

/**
 * Each order's finish: the first time it reached Ready (or was picked up straight away), and its
 * business days from creation to then. An order moved back out of Ready and in again finished the
 * first time. Kept by the same statement that writes the move (migrations/0021_visit_days.sql).
 */
export const finishedOrders = (q: Q) =>
	q`select order_id, finished_at, days, piece_type from order_finishes`;

/** `and f.piece_type = ...` and the location when the scope names them (`f` is order_finishes). */
export const finishFilter = (q: Q, scope: InsightsScope) =>
	q`${scope.pieceType ? q`and f.piece_type = ${scope.pieceType}` : q``}
	${scope.locationId !== null ? q`and exists (select from orders l where l.id = f.order_id and ${atLocation(q, scope.locationId, 'l')})` : q``}`;

/** A number from SQL (numeric and float8 can come back as text or number). */
export const num = (value: unknown): number | null =>
	value === null || value === undefined ? null : Number(value);

/** Rounded to tenths of a day, as the charts show them. */
export const tenths = (value: unknown): number | null => {
	const n = num(value);
	return n === null ? null : Math.round(n * 10) / 10;
};

/**
 * `and <column> in (orders of the piece type, of the location)` when the scope names them, for
 * reads with no join (`column` names the order id, `v.order_id` by default).
 */
export const visitFilter = (q: Q, scope: InsightsScope, column = 'v.order_id') =>
	q`${scope.pieceType ? q`and ${q(column)} in (select id from orders where piece_type = ${scope.pieceType})` : q``}
	${scope.locationId !== null ? q`and exists (select from orders l where l.id = ${q(column)} and ${atLocation(q, scope.locationId, 'l')})` : q``}`;
