import { getShopProfile, updateShopProfile } from '$lib/server/shop-profile';
import { actorOf, methodNotAllowed, readJson, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** The shop's profile: every signed-in screen may read it (customers see it on their page). */
export const GET: RequestHandler = (event) =>
	respond(event, () => getShopProfile(event.locals.services.db.sql, actorOf(event.locals)));

export const PATCH: RequestHandler = (event) =>
	respond(event, async () =>
		updateShopProfile(event.locals.services, actorOf(event.locals), await readJson(event.request))
	);

export const fallback: RequestHandler = methodNotAllowed;
