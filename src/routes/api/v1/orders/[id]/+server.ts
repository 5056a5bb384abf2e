import { getOrder, updateOrder } from '$lib/server/orders';
import {
	actorOf,
	methodNotAllowed,
	orderCommand,
	parseOrderId,
	readJson,
	respond
} from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	respond(event, () =>
		getOrder(event.locals.services.db.sql, actorOf(event.locals), parseOrderId(event.params.id))
	);

/** An edit answers like a change inside the order: the whole order, which the edit form shows. */
export const PATCH: RequestHandler = (event) =>
	orderCommand(event, async (services, actor, id) => {
		const { seq } = await updateOrder(services, actor, id, await readJson(event.request));
		return seq;
	});

export const fallback: RequestHandler = methodNotAllowed;
