import { readHealth } from '$lib/server/health';
import { methodNotAllowed, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	respond(event, () => readHealth(event.locals.services));

export const fallback: RequestHandler = methodNotAllowed;
