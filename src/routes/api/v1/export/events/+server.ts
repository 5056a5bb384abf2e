import { exportEvents } from '$lib/server/export';
import { actorOf, methodNotAllowed, respondWithFile } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** The whole event log, in seq order: `?format=csv` or `jsonl`. */
export const GET: RequestHandler = (event) =>
	respondWithFile(event, () =>
		exportEvents(event.locals.services.db.sql, actorOf(event.locals), event.url.searchParams)
	);

export const fallback: RequestHandler = methodNotAllowed;
