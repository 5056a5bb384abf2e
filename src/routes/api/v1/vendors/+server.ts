import { createVendor, listVendors } from '$lib/server/vendors';
import { actorOf, methodNotAllowed, readJson, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	respond(event, () => listVendors(event.locals.services.db.sql, actorOf(event.locals)));

export const POST: RequestHandler = (event) =>
	respond(
		event,
		async () =>
			createVendor(
				event.locals.services.db.sql,
				actorOf(event.locals),
				await readJson(event.request)
			),
		201
	);

export const fallback: RequestHandler = methodNotAllowed;
