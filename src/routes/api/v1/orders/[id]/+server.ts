import { getOrder, updateOrder } from '$lib/server/orders';
import { actorOf, methodNotAllowed, parseOrderId, readJson, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	respond(event, () =>
		getOrder(event.locals.services.db.sql, actorOf(event.locals), parseOrderId(event.params.id))
	);

export const PATCH: RequestHandler = (event) =>
	respond(event, async () =>
		updateOrder(
			event.locals.services,
			actorOf(event.locals),
			parseOrderId(event.params.id),
			await readJson(event.request)
		)
	);

export const fallback: RequestHandler = methodNotAllowed;
