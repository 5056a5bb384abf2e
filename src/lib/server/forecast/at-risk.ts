import type { AtRiskList, AtRiskOrder } from '../../forecast/at-risk';
import { getBoard } from '../board';
import type { Sql } from '../db';
import type { Actor } from '../events';
import { openOrderForecasts } from './open-orders';

/**
 * The open orders whose promised date is at risk now, least likely first, with what the page needs
 * to say why (their card: stage, time in it, what they wait on, who has them): Insights' first card.
 */
export async function atRiskOrders(sql: Sql, actor: Actor, now = new Date()): Promise<AtRiskList> {
	const [board, { forecasts }] = await Promise.all([
		getBoard(sql, actor),
		openOrderForecasts(sql, actor, now)
	]);
	const cards = new Map(board.orders.map((card) => [card.id, card]));
	const orders: AtRiskOrder[] = [];
	for (const { orderId, forecast } of forecasts) {
		const card = cards.get(orderId);
		if (card && forecast.kind === 'forecast' && forecast.atRisk) orders.push({ card, forecast });
	}
	orders.sort((a, b) => (a.forecast.chanceByDue ?? 1) - (b.forecast.chanceByDue ?? 1));
	return {
		today: board.today,
		timeZone: board.timeZone,
		stageThresholds: board.stageThresholds,
		orders
	};
}
