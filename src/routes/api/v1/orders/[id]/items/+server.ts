import { checkInItem } from '$lib/server/custody';
import { methodNotAllowed, orderCommand, readJson } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Checks in something the customer left: the answer is the whole order with its items. */
export const POST: RequestHandler = (event) =>
	orderCommand(
		event,
		async (services, actor, id) => checkInItem(services, actor, id, await readJson(event.request)),
		201
	);

export const fallback: RequestHandler = methodNotAllowed;
