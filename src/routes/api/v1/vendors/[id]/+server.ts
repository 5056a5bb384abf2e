import { updateVendor } from '$lib/server/vendors';
import { actorOf, methodNotAllowed, parseId, readJson, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const PATCH: RequestHandler = (event) =>
	respond(event, async () =>
		updateVendor(
			event.locals.services.db.sql,
			actorOf(event.locals),
			parseId(event.params.id, 'Vendor'),
			await readJson(event.request)
		)
	);

export const fallback: RequestHandler = methodNotAllowed;
