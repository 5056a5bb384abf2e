import { getBoard } from '$lib/server/orders';
import { methodNotAllowed, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	respond(event, () => getBoard(event.locals.services.db.sql));

export const fallback: RequestHandler = methodNotAllowed;
