import { readBoard } from '$lib/server/board';
import { actorOf, methodNotAllowed, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** The board, filtered by the same query parameters as the board's own URL. */
export const GET: RequestHandler = (event) =>
	respond(event, () =>
		readBoard(event.locals.services.db.sql, actorOf(event.locals), event.url.searchParams)
	);

export const fallback: RequestHandler = methodNotAllowed;
