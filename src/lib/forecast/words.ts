import type { Forecast } from './model';

/** "35%", never "0%" or "100%": two thousand runs cannot promise or rule out a date. */
export function chanceWords(chance: number): string {
	if (chance > 0.99) return 'over 99%';
	if (chance < 0.01) return 'under 1%';
	return `${Math.round(chance * 100)}%`;
}

/**
 * The forecast as one plain sentence: "Likely ready Mon, Dec 14; 80% chance by the due date,
 * Fri, Dec 18". `day` writes a calendar date as the shop reads it. Null when there is nothing to
 * forecast (ready for pickup). A due date before `today` has passed: no chance of meeting it is
 * worth a number ("under 1% chance by Fri, Dec 4" of an order already late).
 */
export function forecastSentence(
	forecast: Forecast,
	dueDate: string | null,
	day: (isoDate: string) => string,
	today?: string
): string | null {
	if (forecast.kind === 'done') return null;
	if (forecast.kind === 'not_enough_history') return 'Not enough past orders like this to forecast';
	const likely = `Likely ready ${day(forecast.likely)}`;
	if (dueDate !== null && today !== undefined && dueDate < today) {
		return `${likely}; the due date, ${day(dueDate)}, has passed`;
	}
	if (forecast.chanceByDue === null || dueDate === null) {
		return `${likely}; 80% chance by ${day(forecast.likely80)}`;
	}
	return `${likely}; ${chanceWords(forecast.chanceByDue)} chance by the due date, ${day(dueDate)}`;
}
