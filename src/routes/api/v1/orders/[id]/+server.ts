import { getOrder, updateOrder } from '$lib/server/orders';
import { methodNotAllowed, parseOrderId, readJson, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	respond(event, () => getOrder(event.locals.services.db.sql, parseOrderId(event.params.id)));

export const PATCH: RequestHandler = (event) =>
	respond(event, async () =>
		updateOrder(
			event.locals.services,
			event.locals.actor,
			parseOrderId(event.params.id),
			await readJson(event.request)
		)
	);

export const fallback: RequestHandler = methodNotAllowed;
