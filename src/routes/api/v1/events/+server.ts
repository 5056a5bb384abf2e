import { maskEvent, screenEvent } from '$lib/masking';
import { requirePermission } from '$lib/server/auth/roles';
import { eventsAfter } from '$lib/server/events';
import { parseInput } from '$lib/server/errors';
import { actorOf, methodNotAllowed, respond } from '$lib/server/http';
import { eventsQuerySchema } from '$lib/validation';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	respond(event, async () => {
		const actor = actorOf(event.locals);
		requirePermission(actor, 'board.read');
		const query = parseInput(eventsQuerySchema, Object.fromEntries(event.url.searchParams));
		const page = await eventsAfter(event.locals.services.db.sql, query.after, query.limit);
		return { ...page, events: page.events.map(actor.role === 'display' ? maskEvent : screenEvent) };
	});

export const fallback: RequestHandler = methodNotAllowed;
