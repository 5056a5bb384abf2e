import { pickUpOrder } from '$lib/server/release';
import { actorOf, methodNotAllowed, parseOrderId, readJson, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) =>
	respond(event, async () =>
		pickUpOrder(
			event.locals.services,
			actorOf(event.locals),
			parseOrderId(event.params.id),
			await readJson(event.request)
		)
	);

export const fallback: RequestHandler = methodNotAllowed;
