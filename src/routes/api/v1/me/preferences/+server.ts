import { readBoardPreferences, updateBoardPreferences } from '$lib/server/preferences';
import { actorOf, methodNotAllowed, readJson, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	respond(event, () => readBoardPreferences(event.locals.services.db.sql, actorOf(event.locals)));

export const PUT: RequestHandler = (event) =>
	respond(event, async () =>
		updateBoardPreferences(
			event.locals.services.db.sql,
			actorOf(event.locals),
			await readJson(event.request)
		)
	);

export const fallback: RequestHandler = methodNotAllowed;
