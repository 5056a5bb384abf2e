import { getCustomerProfile, updateCustomer } from '$lib/server/customers';
import { actorOf, methodNotAllowed, parseId, readJson, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	respond(event, () =>
		getCustomerProfile(
			event.locals.services.db.sql,
			actorOf(event.locals),
			parseId(event.params.id, 'Customer')
		)
	);

export const PATCH: RequestHandler = (event) =>
	respond(event, async () =>
		updateCustomer(
			event.locals.services,
			actorOf(event.locals),
			parseId(event.params.id, 'Customer'),
			await readJson(event.request)
		)
	);

export const fallback: RequestHandler = methodNotAllowed;
