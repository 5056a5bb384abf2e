import { redirect } from '@sveltejs/kit';
import { recordAuthEvent } from '$lib/server/auth/audit';
import { clientAddress, deleteSessionCookie } from '$lib/server/auth/cookies';
import { invalidateSession } from '$lib/server/auth/sessions';
import type { RequestHandler } from './$types';

/** Signing out ends the session on the server, closes its sockets and clears the cookie. */
export const POST: RequestHandler = async (event) => {
	const { session, actor, services } = event.locals;
	if (session) {
		await invalidateSession(services, session.id);
		if (actor && session.kind === 'user') {
			await recordAuthEvent(services.db.sql, {
				type: 'signout',
				userId: actor.id,
				actorId: actor.id,
				ip: clientAddress(event)
			});
		}
	}
	deleteSessionCookie(event);
	redirect(303, '/login');
};
