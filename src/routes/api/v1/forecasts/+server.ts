import { openOrderForecasts } from '$lib/server/forecast/open-orders';
import { actorOf, methodNotAllowed, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	respond(event, () =>
		openOrderForecasts(
			event.locals.services.db.sql,
			actorOf(event.locals),
			undefined,
			Object.fromEntries(event.url.searchParams)
		)
	);

export const fallback: RequestHandler = methodNotAllowed;
