import { listPeople } from '$lib/server/people';
import { actorOf, methodNotAllowed, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** The shop's people, to hand an item to. */
export const GET: RequestHandler = (event) =>
	respond(event, () => listPeople(event.locals.services.db.sql, actorOf(event.locals)));

export const fallback: RequestHandler = methodNotAllowed;
