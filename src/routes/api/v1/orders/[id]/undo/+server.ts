import { undoChange } from '$lib/server/undo';
import { actorOf, methodNotAllowed, parseOrderId, readJson, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Answers like a move or an edit: the card as it now stands and the undo's seq. */
export const POST: RequestHandler = (event) =>
	respond(event, async () =>
		undoChange(
			event.locals.services,
			actorOf(event.locals),
			parseOrderId(event.params.id),
			await readJson(event.request)
		)
	);

export const fallback: RequestHandler = methodNotAllowed;
