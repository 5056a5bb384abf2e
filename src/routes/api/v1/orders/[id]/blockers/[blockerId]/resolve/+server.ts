import { resolveBlocker } from '$lib/server/blockers';
import { methodNotAllowed, orderCommand, parseId } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) =>
	orderCommand(event, (services, actor, id) =>
		resolveBlocker(services, actor, id, parseId(event.params.blockerId, 'Blocker'))
	);

export const fallback: RequestHandler = methodNotAllowed;
