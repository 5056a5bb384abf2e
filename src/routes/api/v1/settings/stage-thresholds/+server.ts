import { updateStageThresholds } from '$lib/server/settings';
import { actorOf, methodNotAllowed, readJson, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const PATCH: RequestHandler = (event) =>
	respond(event, async () =>
		updateStageThresholds(
			event.locals.services,
			actorOf(event.locals),
			await readJson(event.request)
		)
	);

export const fallback: RequestHandler = methodNotAllowed;
