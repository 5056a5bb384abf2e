import { startImport } from '$lib/server/imports';
import { actorOf, methodNotAllowed, parseId, readJson, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) =>
	respond(
		event,
		async () =>
			startImport(
				event.locals.services,
				actorOf(event.locals),
				parseId(event.params.id ?? '', 'Import'),
				await readJson(event.request)
			),
		202
	);

export const fallback: RequestHandler = methodNotAllowed;
