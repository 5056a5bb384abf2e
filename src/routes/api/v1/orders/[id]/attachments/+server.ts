import { addAttachment } from '$lib/server/attachments';
import { methodNotAllowed, orderCommand } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** The file's bytes are the body; what it is and its name travel in the query. */
export const POST: RequestHandler = (event) =>
	orderCommand(
		event,
		(services, actor, id) =>
			addAttachment(
				services,
				actor,
				id,
				event.request.body,
				Object.fromEntries(event.url.searchParams)
			),
		201
	);

export const fallback: RequestHandler = methodNotAllowed;
