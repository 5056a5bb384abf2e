import { exportOrders } from '$lib/server/export';
import { actorOf, methodNotAllowed, respondWithFile } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Every order, open and archived, with its customer and money: `?format=csv` or `jsonl`. */
export const GET: RequestHandler = (event) =>
	respondWithFile(event, () =>
		exportOrders(event.locals.services.db.sql, actorOf(event.locals), event.url.searchParams)
	);

export const fallback: RequestHandler = methodNotAllowed;
