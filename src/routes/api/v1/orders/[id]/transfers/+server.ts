import { sendTransfer } from '$lib/server/transfers';
import { methodNotAllowed, orderCommand, readJson } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Sends the piece to another location: the answer is the whole order, now in transit. */
export const POST: RequestHandler = (event) =>
	orderCommand(
		event,
		async (services, actor, id) => sendTransfer(services, actor, id, await readJson(event.request)),
		201
	);

export const fallback: RequestHandler = methodNotAllowed;
