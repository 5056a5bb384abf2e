import { listDeliveries } from '$lib/server/webhooks/deliveries';
import { actorOf, methodNotAllowed, parseId, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	respond(event, () =>
		listDeliveries(
			event.locals.services,
			actorOf(event.locals),
			parseId(event.params.id, 'Webhook endpoint')
		)
	);

export const fallback: RequestHandler = methodNotAllowed;
