import type { StageThresholds } from '../aging';
import type { OrderCard } from '../types';
import type { Forecast } from './model';

/** An open order whose promised date is at risk, with its card (to say why) and its forecast. */
export interface AtRiskOrder {
	card: OrderCard;
	forecast: Extract<Forecast, { kind: 'forecast' }>;
}

/** Insights' list of them, least likely first, with what the page needs to word them. */
export interface AtRiskList {
	today: string;
	timeZone: string;
	stageThresholds: StageThresholds;
	orders: AtRiskOrder[];
}
