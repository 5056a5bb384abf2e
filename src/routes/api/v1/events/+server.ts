import { eventsAfter } from '$lib/server/events';
import { parseInput } from '$lib/server/errors';
import { methodNotAllowed, respond } from '$lib/server/http';
import { eventsQuerySchema } from '$lib/validation';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	respond(event, () => {
		const query = parseInput(eventsQuerySchema, Object.fromEntries(event.url.searchParams));
		return eventsAfter(event.locals.services.db.sql, query.after, query.limit);
	});

export const fallback: RequestHandler = methodNotAllowed;
