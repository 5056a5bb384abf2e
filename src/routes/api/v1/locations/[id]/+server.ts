import { updateLocation } from '$lib/server/locations';
import { actorOf, methodNotAllowed, parseId, readJson, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const PATCH: RequestHandler = (event) =>
	respond(event, async () =>
		updateLocation(
			event.locals.services,
			actorOf(event.locals),
			parseId(event.params.id, 'Location'),
			await readJson(event.request)
		)
	);

export const fallback: RequestHandler = methodNotAllowed;
