import { redirect } from '@sveltejs/kit';
import { clientAddress, setSessionCookie } from '$lib/server/auth/cookies';
import { signInDisplay } from '$lib/server/auth/displays';
import type { RequestHandler } from './$types';

/** The secret link an owner gives a wall display: this browser becomes that display for months. */
export const GET: RequestHandler = async (event) => {
	const session = await signInDisplay(event.locals.services, event.params.token, {
		ip: clientAddress(event),
		userAgent: event.request.headers.get('user-agent')
	});
	if (!session) {
		return new Response(
			'This display link is not valid: it was revoked or replaced. Ask the owner for a new one.',
			{
				status: 404,
				headers: { 'content-type': 'text/plain; charset=utf-8' }
			}
		);
	}
	setSessionCookie(event, session.token, session.expiresAt);
	redirect(303, '/display');
};
