import { listMessages, sendMessage } from '$lib/server/updates/outbox';
import { actorOf, methodNotAllowed, parseOrderId, readJson, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** The order's messages to its customer, newest first, with how each went. */
export const GET: RequestHandler = (event) =>
	respond(event, async () => ({
		messages: await listMessages(
			event.locals.services,
			actorOf(event.locals),
			parseOrderId(event.params.id)
		)
	}));

/** Queues a message (design ready, quote approval, or the staff's own words). */
export const POST: RequestHandler = (event) =>
	respond(
		event,
		async () => {
			const actor = actorOf(event.locals);
			const orderId = parseOrderId(event.params.id);
			await sendMessage(event.locals.services, actor, orderId, await readJson(event.request));
			return { messages: await listMessages(event.locals.services, actor, orderId) };
		},
		201
	);

export const fallback: RequestHandler = methodNotAllowed;
