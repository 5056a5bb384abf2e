import { getOrderHistory } from '$lib/server/history';
import { actorOf, methodNotAllowed, parseOrderId, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** The order's history, oldest first, as the caller's role may see it. */
export const GET: RequestHandler = (event) =>
	respond(event, () =>
		getOrderHistory(
			event.locals.services.db.sql,
			actorOf(event.locals),
			parseOrderId(event.params.id)
		)
	);

export const fallback: RequestHandler = methodNotAllowed;
