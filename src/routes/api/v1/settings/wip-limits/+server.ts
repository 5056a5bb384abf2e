import { getWipLimits, updateWipLimits } from '$lib/server/wip-limits';
import { actorOf, methodNotAllowed, readJson, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	respond(event, () => getWipLimits(event.locals.services.db.sql, actorOf(event.locals)));

export const PATCH: RequestHandler = (event) =>
	respond(event, async () =>
		updateWipLimits(event.locals.services, actorOf(event.locals), await readJson(event.request))
	);

export const fallback: RequestHandler = methodNotAllowed;
