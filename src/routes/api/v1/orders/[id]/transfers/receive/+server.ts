import { receiveTransfer } from '$lib/server/transfers';
import { methodNotAllowed, orderCommand, readJson } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Receives the piece where it was sent: the answer is the whole order, at its new location. */
export const POST: RequestHandler = (event) =>
	orderCommand(event, async (services, actor, id) =>
		receiveTransfer(services, actor, id, await readJson(event.request))
	);

export const fallback: RequestHandler = methodNotAllowed;
