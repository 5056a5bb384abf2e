import type { ForecastHistory } from '../../forecast/history';
import type { Sql } from '../db';
import { log } from '../log';
import { readForecastHistory } from './history';

/**
 * Reading the history is the one costly part of a forecast (every completed visit of every order:
 * about 0.1 s for a shop's year of 2,000 orders, seconds for 50,000 on the embedded database), so
 * each process keeps the summary and answers from it at once. When a stage has changed somewhere
 * since (a new visit, seen on stage_visits' primary key at no cost), the summary is read again in
 * the background, at most once per REFRESH_FACTOR times the last read's length (and never within
 * MIN_REFRESH_MS): a long read on the embedded database's one connection holds every other query,
 * so a big shop refreshes less often, and a year of history does not change its shape in minutes.
 * The summary names no person, order or amount: shared by every screen alike.
 */
const MIN_REFRESH_MS = 2_000;
const REFRESH_FACTOR = 30;

interface Kept {
	timeZone: string;
	lastVisit: number;
	readAt: number;
	readMs: number;
	history: Promise<ForecastHistory>;
	refreshing: boolean;
}

const kept = new WeakMap<Sql, Kept>();

async function latestVisit(sql: Sql): Promise<number> {
	const [{ lastVisit }] = await sql<{ lastVisit: number }[]>`
		select coalesce(max(entered_seq), 0)::bigint as last_visit from stage_visits`;
	return lastVisit;
}

function read(sql: Sql, timeZone: string, lastVisit: number): Kept {
	const readAt = Date.now();
	const entry: Kept = {
		timeZone,
		lastVisit,
		readAt,
		readMs: 0,
		refreshing: false,
		history: readForecastHistory(sql).then((history) => {
			entry.readMs = Math.max(1, Date.now() - readAt);
			return history;
		})
	};
	return entry;
}

export async function shopHistory(sql: Sql, timeZone: string): Promise<ForecastHistory> {
	const lastVisit = await latestVisit(sql);
	const entry = kept.get(sql);
	if (!entry || entry.timeZone !== timeZone) {
		const first = read(sql, timeZone, lastVisit);
		kept.set(sql, first);
		// A failed read is not kept: the next request tries again.
		first.history.catch(() => kept.get(sql) === first && kept.delete(sql));
		return first.history;
	}
	const due = entry.readAt + Math.max(MIN_REFRESH_MS, REFRESH_FACTOR * entry.readMs);
	if (entry.lastVisit !== lastVisit && !entry.refreshing && entry.readMs > 0 && Date.now() >= due) {
		entry.refreshing = true;
		const next = read(sql, timeZone, lastVisit);
		next.history.then(
			() => kept.get(sql) === entry && kept.set(sql, next),
			(error: unknown) => {
				entry.refreshing = false;
				log.warn(
					{ err: error },
					'The forecast history could not be read again; the last one is kept'
				);
			}
		);
	}
	return entry.history;
}

/**
 * The history for a page to stream (not awaited by its load): the board paints at once, and its
 * forecasts appear when the history arrives (a cold read on a big shop takes seconds). A failed
 * read streams null: the cards go without a forecast rather than the page failing.
 */
export function streamedShopHistory(sql: Sql, timeZone: string): Promise<ForecastHistory | null> {
	return shopHistory(sql, timeZone).catch((error: unknown) => {
		log.warn({ err: error }, 'The forecast history could not be read; the board shows none');
		return null;
	});
}
