import { redirect } from '@sveltejs/kit';
import { clientAddress, deleteSessionCookie } from '$lib/server/auth/cookies';
import { signOut } from '$lib/server/auth/sessions';
import type { RequestHandler } from './$types';

/** Signing out ends the session on the server, closes its sockets and clears the cookie. */
export const POST: RequestHandler = async (event) => {
	const { session, actor, services } = event.locals;
	if (session && actor) await signOut(services, session, actor, clientAddress(event));
	deleteSessionCookie(event);
	redirect(303, '/login');
};
