import { undoChange } from '$lib/server/undo';
import { methodNotAllowed, orderCommand, readJson } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) =>
	orderCommand(event, async (services, actor, id) =>
		undoChange(services, actor, id, await readJson(event.request))
	);

export const fallback: RequestHandler = methodNotAllowed;
