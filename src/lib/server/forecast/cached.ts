import type { ForecastHistory } from '../../forecast/history';
import type { Sql } from '../db';
import { readForecastHistory } from './history';

/**
 * A year of history barely changes in a minute, and reading it is the one costly part of a
 * forecast (every completed visit of every order), so each process keeps the summary for a
 * minute. It names no person, order or amount: shared by every screen of the shop alike.
 */
const KEEP_MS = 60_000;

const kept = new WeakMap<
	Sql,
	{ timeZone: string; at: number; history: Promise<ForecastHistory> }
>();

export function shopHistory(sql: Sql, timeZone: string): Promise<ForecastHistory> {
	const entry = kept.get(sql);
	if (entry && entry.timeZone === timeZone && Date.now() - entry.at < KEEP_MS) return entry.history;
	const history = readForecastHistory(sql, timeZone);
	kept.set(sql, { timeZone, at: Date.now(), history });
	// A failed read is not kept: the next request tries again.
	history.catch(() => kept.get(sql)?.history === history && kept.delete(sql));
	return history;
}
