import { readEvents } from '$lib/server/events';
import { actorOf, methodNotAllowed, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	respond(event, () =>
		readEvents(
			event.locals.services.db.sql,
			actorOf(event.locals),
			Object.fromEntries(event.url.searchParams)
		)
	);

export const fallback: RequestHandler = methodNotAllowed;
