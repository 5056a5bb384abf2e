import { createApiToken, listApiTokens } from '$lib/server/auth/api-tokens';
import { clientAddress } from '$lib/server/auth/cookies';
import { invalid } from '$lib/server/errors';
import { actorOf, methodNotAllowed, readJson, respond } from '$lib/server/http';
import { HEADER } from '$lib/server/idempotency';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	respond(event, async () => ({
		tokens: await listApiTokens(event.locals.services, actorOf(event.locals))
	}));

/** The answer holds the token's secret, this once. */
export const POST: RequestHandler = (event) =>
	respond(
		event,
		async () => {
			// A replay would have to keep the secret to give it again: it is never kept.
			if (event.request.headers.has(HEADER))
				throw invalid(HEADER, 'is not taken here: a token’s secret is shown once, never again');
			return createApiToken(
				event.locals.services,
				actorOf(event.locals),
				await readJson(event.request),
				clientAddress(event)
			);
		},
		201
	);

export const fallback: RequestHandler = methodNotAllowed;
