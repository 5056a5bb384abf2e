import { createLocation, listLocations } from '$lib/server/locations';
import { actorOf, methodNotAllowed, readJson, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** The shop's stores and workshops: a wall display reads their names, a person their details. */
export const GET: RequestHandler = (event) =>
	respond(event, () => listLocations(event.locals.services.db.sql, actorOf(event.locals)));

export const POST: RequestHandler = (event) =>
	respond(
		event,
		async () =>
			createLocation(event.locals.services, actorOf(event.locals), await readJson(event.request)),
		201
	);

export const fallback: RequestHandler = methodNotAllowed;
