import { BOARD_STAGES } from '../stages';
import type { OrderCard } from '../types';
import type { ForecastHistory } from './history';
import { forecastOrder, type Forecast } from './model';

const HOUR_MS = 3_600_000;

/**
 * Every open card's forecast, worked out on the screen from the shop's compact history, so a card
 * that moves is forecast again with the event that moved it, with no request. A card is worked
 * out again only when something the forecast reads changed (its stage, due date, rush, piece) or
 * the hour turned; the rest keep their answer. Create it while a component initialises.
 */
export class BoardForecasts {
	#columns: () => Record<string, OrderCard[]>;
	#timeZone: () => string;
	#history: () => ForecastHistory | null;
	#now: () => Date;
	#kept = new Map<number, { key: string; history: ForecastHistory; forecast: Forecast }>();

	constructor(options: {
		columns: () => Record<string, OrderCard[]>;
		timeZone: () => string;
		history: () => ForecastHistory | null;
		now: () => Date;
	}) {
		this.#columns = options.columns;
		this.#timeZone = options.timeZone;
		this.#history = options.history;
		this.#now = options.now;
	}

	/** Each open order's forecast by id; empty when the screen has no history (a wall display). */
	byId = $derived.by(() => {
		const history = this.#history();
		const forecasts = new Map<number, Forecast>();
		if (!history) return forecasts;
		const columns = this.#columns();
		const timeZone = this.#timeZone();
		// Within an hour a forecast barely moves: a card keeps its answer until the hour turns (or it
		// changes), so the screen does not flicker.
		const now = this.#now();
		const hour = Math.floor(now.getTime() / HOUR_MS);
		const seen = new Set<number>();
		for (const stage of BOARD_STAGES) {
			for (const card of columns[stage] ?? []) {
				seen.add(card.id);
				const key = [
					card.stage,
					card.stageEnteredAt,
					card.dueDate,
					card.rush,
					card.pieceType,
					hour,
					timeZone
				].join('|');
				const kept = this.#kept.get(card.id);
				if (kept?.key === key && kept.history === history) {
					forecasts.set(card.id, kept.forecast);
					continue;
				}
				const forecast = forecastOrder(card, history, { timeZone, now });
				this.#kept.set(card.id, { key, history, forecast });
				forecasts.set(card.id, forecast);
			}
		}
		for (const id of this.#kept.keys()) if (!seen.has(id)) this.#kept.delete(id);
		return forecasts;
	});

	/** The ids of orders under the at-risk threshold, for the board's "At risk" filter. */
	atRisk = $derived.by(() => {
		const ids = new Set<number>();
		for (const [id, forecast] of this.byId) {
			if (forecast.kind === 'forecast' && forecast.atRisk) ids.add(id);
		}
		return ids;
	});

	of(id: number): Forecast | undefined {
		return this.byId.get(id);
	}
}
