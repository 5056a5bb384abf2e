import type { AtRiskList, AtRiskOrder } from '../../forecast/at-risk';
import { belongsTo } from '../../locations';
import { getBoard } from '../board';
import type { Sql } from '../db';
import type { Actor } from '../events';
import { forecastsOf } from './open-orders';

/**
 * The open orders whose promised date is at risk now, least likely first, with what the page needs
 * to say why (their card: stage, time in it, what they wait on, who has them): Insights' first card.
 */
export async function atRiskOrders(
	sql: Sql,
	actor: Actor,
	now = new Date(),
	/** Only this location's orders (as the charts count them); null: every one. */
	locationId: number | null = null
): Promise<AtRiskList> {
	// The board's own cards are forecast: no second read of the open orders.
	const board = await getBoard(sql, actor);
	const cards =
		locationId === null ? board.orders : board.orders.filter((card) => belongsTo(card, locationId));
	const forecasts = await forecastsOf(sql, actor, cards, board.timeZone, now);
	const orders: AtRiskOrder[] = [];
	for (const card of cards) {
		const forecast = forecasts.get(card.id);
		if (forecast?.kind === 'forecast' && forecast.atRisk) orders.push({ card, forecast });
	}
	orders.sort((a, b) => (a.forecast.chanceByDue ?? 1) - (b.forecast.chanceByDue ?? 1));
	return {
		today: board.today,
		timeZone: board.timeZone,
		stageThresholds: board.stageThresholds,
		orders
	};
}
