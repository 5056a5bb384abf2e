import { updateDisplayOptions } from '$lib/server/auth/displays';
import { actorOf, methodNotAllowed, parseId, readJson, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const PATCH: RequestHandler = (event) =>
	respond(event, async () =>
		updateDisplayOptions(
			event.locals.services,
			actorOf(event.locals),
			parseId(event.params.id, 'Display'),
			await readJson(event.request)
		)
	);

export const fallback: RequestHandler = methodNotAllowed;
