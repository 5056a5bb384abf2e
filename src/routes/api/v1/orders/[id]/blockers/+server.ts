import { addBlocker } from '$lib/server/blockers';
import { methodNotAllowed, orderCommand, readJson } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) =>
	orderCommand(
		event,
		async (services, actor, id) => addBlocker(services, actor, id, await readJson(event.request)),
		201
	);

export const fallback: RequestHandler = methodNotAllowed;
