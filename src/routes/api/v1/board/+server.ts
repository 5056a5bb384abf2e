import { getBoard } from '$lib/server/board';
import { actorOf, methodNotAllowed, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	respond(event, () => getBoard(event.locals.services.db.sql, actorOf(event.locals)));

export const fallback: RequestHandler = methodNotAllowed;
