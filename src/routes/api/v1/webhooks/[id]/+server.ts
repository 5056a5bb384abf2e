import { deleteEndpoint, getEndpoint, updateEndpoint } from '$lib/server/webhooks/endpoints';
import { actorOf, methodNotAllowed, parseId, readJson, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

const idOf = (raw: string) => parseId(raw, 'Webhook endpoint');

export const GET: RequestHandler = (event) =>
	respond(event, () =>
		getEndpoint(event.locals.services, actorOf(event.locals), idOf(event.params.id))
	);

export const PATCH: RequestHandler = (event) =>
	respond(event, async () =>
		updateEndpoint(
			event.locals.services,
			actorOf(event.locals),
			idOf(event.params.id),
			await readJson(event.request)
		)
	);

export const DELETE: RequestHandler = (event) =>
	respond(event, async () => {
		await deleteEndpoint(event.locals.services, actorOf(event.locals), idOf(event.params.id));
		return { deleted: true };
	});

export const fallback: RequestHandler = methodNotAllowed;
