import { createEndpoint, listEndpoints } from '$lib/server/webhooks/endpoints';
import { actorOf, methodNotAllowed, readJson, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	respond(event, () => listEndpoints(event.locals.services, actorOf(event.locals)));

export const POST: RequestHandler = (event) =>
	respond(
		event,
		async () =>
			createEndpoint(event.locals.services, actorOf(event.locals), await readJson(event.request)),
		201
	);

export const fallback: RequestHandler = methodNotAllowed;
