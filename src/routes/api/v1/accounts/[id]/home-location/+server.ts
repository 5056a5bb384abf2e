import { setHomeLocation } from '$lib/server/auth/home-location';
import { actorOf, methodNotAllowed, parseId, readJson, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Where a person usually works: the owner sets it (signed in: no token may be an owner's). */
export const PUT: RequestHandler = (event) =>
	respond(event, async () =>
		setHomeLocation(
			event.locals.services,
			actorOf(event.locals),
			parseId(event.params.id, 'Account'),
			await readJson(event.request)
		)
	);

export const fallback: RequestHandler = methodNotAllowed;
