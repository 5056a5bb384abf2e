import { getMessageSettings, updateMessageSettings } from '$lib/server/updates/message-settings';
import { actorOf, methodNotAllowed, readJson, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	respond(event, () => getMessageSettings(event.locals.services, actorOf(event.locals)));

export const PATCH: RequestHandler = (event) =>
	respond(event, async () =>
		updateMessageSettings(
			event.locals.services,
			actorOf(event.locals),
			await readJson(event.request)
		)
	);

export const fallback: RequestHandler = methodNotAllowed;
