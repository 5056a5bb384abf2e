import { revokeApiToken } from '$lib/server/auth/api-tokens';
import { clientAddress } from '$lib/server/auth/cookies';
import { actorOf, methodNotAllowed, parseId, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Revokes the token: its next request is refused. It stays listed, as revoked. */
export const DELETE: RequestHandler = (event) =>
	respond(event, async () => ({
		token: await revokeApiToken(
			event.locals.services,
			actorOf(event.locals),
			parseId(event.params.id, 'API token'),
			clientAddress(event)
		)
	}));

export const fallback: RequestHandler = methodNotAllowed;
