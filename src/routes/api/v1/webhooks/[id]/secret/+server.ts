import { rotateSecret } from '$lib/server/webhooks/endpoints';
import { actorOf, methodNotAllowed, parseId, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** A new signing secret, at once; the answer is the one time it is shown. */
export const POST: RequestHandler = (event) =>
	respond(event, () =>
		rotateSecret(
			event.locals.services,
			actorOf(event.locals),
			parseId(event.params.id, 'Webhook endpoint')
		)
	);

export const fallback: RequestHandler = methodNotAllowed;
