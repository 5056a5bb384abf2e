import { recentImports, uploadSheet } from '$lib/server/imports';
import { readUpload } from '$lib/server/imports/upload-body';
import { requireImport } from '$lib/server/imports/sheet';
import { actorOf, methodNotAllowed, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	respond(event, async () => ({
		imports: await recentImports(event.locals.services.db.sql, actorOf(event.locals))
	}));

/** The CSV file as the body (`?fileName=` names it), or a multipart form's `file` field. */
export const POST: RequestHandler = (event) =>
	respond(
		event,
		async () => {
			const actor = actorOf(event.locals);
			requireImport(actor);
			const { bytes, name } = await readUpload(event.request);
			return uploadSheet(event.locals.services.db.sql, actor, name, bytes);
		},
		201
	);

export const fallback: RequestHandler = methodNotAllowed;
