import { moveOrder } from '$lib/server/orders';
import { parseOrderId, readJson, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) =>
	respond(event, async () =>
		moveOrder(
			event.locals.services,
			event.locals.actor,
			parseOrderId(event.params.id),
			await readJson(event.request)
		)
	);
