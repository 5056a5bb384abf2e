import { findDuplicates } from '$lib/server/customers';
import { actorOf, methodNotAllowed, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	respond(event, async () => ({
		customers: await findDuplicates(event.locals.services.db.sql, actorOf(event.locals), {
			phone: event.url.searchParams.get('phone')?.slice(0, 40),
			email: event.url.searchParams.get('email')?.slice(0, 200)
		})
	}));

export const fallback: RequestHandler = methodNotAllowed;
