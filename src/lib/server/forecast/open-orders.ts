import type { ForecastHistory } from '../../forecast/history';
import { forecastOrder, type Forecast, type ForecastOrder } from '../../forecast/model';
import { forecastsQuerySchema } from '../../insights/charts';
import type { OrderCard } from '../../types';
import { requirePermission } from '../auth/roles';
import type { Sql } from '../db';
import type { Actor } from '../events';
import { invalid, parseInput } from '../errors';
import { readLocation } from '../locations';
import { readSettings } from '../settings';
import { shopHistory } from './cached';

export interface OrderForecast {
	orderId: number;
	number: string;
	stage: string;
	dueDate: string | null;
	forecast: Forecast;
}

const HOUR_MS = 3_600_000;

/**
 * Each order's last forecast, per history: an order's forecast changes only when the order does
 * (its stage, due date, rush, piece) or the hour turns, so a second request within the hour costs
 * the read of the orders alone. Dropped with its history.
 */
const lastForecasts = new WeakMap<
	ForecastHistory,
	Map<number, { key: string; forecast: Forecast }>
>();

function forecastOf(order: ForecastOrder, history: ForecastHistory, timeZone: string, now: Date) {
	const hour = Math.floor(now.getTime() / HOUR_MS);
	let kept = lastForecasts.get(history);
	if (!kept) lastForecasts.set(history, (kept = new Map()));
	const key = [
		order.stage,
		order.stageEnteredAt,
		order.dueDate,
		order.rush,
		order.pieceType,
		timeZone,
		hour
	].join('|');
	const last = kept.get(order.id);
	if (last?.key === key) return last.forecast;
	const forecast = forecastOrder(order, history, { timeZone, now });
	kept.set(order.id, { key, forecast });
	return forecast;
}

/**
 * Every open order's forecast, for the people who read orders (the board's roles but the wall
 * display, which shows no forecast). A forecast holds dates and a chance, never a customer or an
 * amount, so the bench reads it too.
 */
export async function openOrderForecasts(
	sql: Sql,
	actor: Actor,
	now = new Date(),
	/** The query: `location` limits the list to that location's orders, as Insights counts them. */
	input: unknown = {}
): Promise<{ timeZone: string; forecasts: OrderForecast[] }> {
	requirePermission(actor, 'orders.read', 'A wall display shows no forecast');
	const locationId = parseInput(forecastsQuerySchema, input).location ?? null;
	if (locationId !== null && !(await readLocation(sql, locationId)))
		throw invalid('location', "is not one of the shop's locations");
	const { timeZone } = await readSettings(sql);
	const history = await shopHistory(sql, timeZone);
	const orders = await sql<
		Pick<
			OrderCard,
			'id' | 'number' | 'stage' | 'stageEnteredAt' | 'dueDate' | 'rush' | 'pieceType'
		>[]
	>`
		select id, number, stage, stage_entered_at, due_date, rush, piece_type
		from order_cards where order_key is not null
		${
			locationId === null
				? sql``
				: sql`and ${locationId} in (intake_location_id, pickup_location_id, location_id)`
		}
		order by stage, order_key`;
	return {
		timeZone,
		forecasts: orders.map((order) => ({
			orderId: order.id,
			number: order.number,
			stage: order.stage,
			dueDate: order.dueDate,
			forecast: forecastOf(order, history, timeZone, now)
		}))
	};
}

/** The forecasts of `orders` (cards the caller has read already), by order id. */
export async function forecastsOf(
	sql: Sql,
	actor: Actor,
	orders: readonly ForecastOrder[],
	timeZone: string,
	now = new Date()
): Promise<Map<number, Forecast>> {
	requirePermission(actor, 'orders.read', 'A wall display shows no forecast');
	const history = await shopHistory(sql, timeZone);
	return new Map(orders.map((order) => [order.id, forecastOf(order, history, timeZone, now)]));
}

/** The open orders among `orders` that their forecast puts at risk: the board's "At risk" filter. */
export async function atRiskOrderIds(
	sql: Sql,
	actor: Actor,
	orders: readonly ForecastOrder[],
	timeZone: string,
	now = new Date()
): Promise<Set<number>> {
	const ids = new Set<number>();
	for (const [id, forecast] of await forecastsOf(sql, actor, orders, timeZone, now))
		if (forecast.kind === 'forecast' && forecast.atRisk) ids.add(id);
	return ids;
}
