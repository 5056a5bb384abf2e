import { createCustomer, listCustomers } from '$lib/server/customers';
import { parseInput } from '$lib/server/errors';
import { actorOf, methodNotAllowed, readJson, respond } from '$lib/server/http';
import { customerListQuerySchema } from '$lib/validation';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	respond(event, async () => {
		const query = parseInput(customerListQuerySchema, Object.fromEntries(event.url.searchParams));
		return {
			customers: await listCustomers(event.locals.services.db.sql, actorOf(event.locals), query)
		};
	});

export const POST: RequestHandler = (event) =>
	respond(
		event,
		async () =>
			createCustomer(event.locals.services, actorOf(event.locals), await readJson(event.request)),
		201
	);

export const fallback: RequestHandler = methodNotAllowed;
