import { previewImport } from '$lib/server/imports';
import { actorOf, methodNotAllowed, parseId, readJson, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) =>
	respond(event, async () =>
		previewImport(
			event.locals.services.db.sql,
			actorOf(event.locals),
			parseId(event.params.id ?? '', 'Import'),
			await readJson(event.request)
		)
	);

export const fallback: RequestHandler = methodNotAllowed;
