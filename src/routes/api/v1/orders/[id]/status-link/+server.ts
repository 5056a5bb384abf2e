import { getStatusLink, renewStatusLink } from '$lib/server/updates/status-link';
import { actorOf, methodNotAllowed, parseOrderId, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** The customer's status page link (made the first time it is asked for). */
export const GET: RequestHandler = (event) =>
	respond(event, () =>
		getStatusLink(event.locals.services, actorOf(event.locals), parseOrderId(event.params.id))
	);

/** A new link: the old one stops working at once. */
export const POST: RequestHandler = (event) =>
	respond(event, () =>
		renewStatusLink(event.locals.services, actorOf(event.locals), parseOrderId(event.params.id))
	);

export const fallback: RequestHandler = methodNotAllowed;
