import { createOrder } from '$lib/server/orders';
import { actorOf, methodNotAllowed, readJson, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) =>
	respond(
		event,
		async () =>
			createOrder(event.locals.services, actorOf(event.locals), await readJson(event.request)),
		201
	);

export const fallback: RequestHandler = methodNotAllowed;
