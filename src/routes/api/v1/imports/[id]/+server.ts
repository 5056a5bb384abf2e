import { importStatus } from '$lib/server/imports';
import { actorOf, methodNotAllowed, parseId, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	respond(event, () =>
		importStatus(
			event.locals.services,
			actorOf(event.locals),
			parseId(event.params.id ?? '', 'Import')
		)
	);

export const fallback: RequestHandler = methodNotAllowed;
