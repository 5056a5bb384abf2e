import { sendTestPing } from '$lib/server/webhooks/deliveries';
import { actorOf, methodNotAllowed, parseId, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) =>
	respond(
		event,
		() =>
			sendTestPing(
				event.locals.services,
				actorOf(event.locals),
				parseId(event.params.id, 'Webhook endpoint')
			),
		202
	);

export const fallback: RequestHandler = methodNotAllowed;
