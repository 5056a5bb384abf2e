import { getBoard } from '$lib/server/orders';
import { respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	respond(event, () => getBoard(event.locals.services.db.sql));
