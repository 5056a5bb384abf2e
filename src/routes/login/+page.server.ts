import { fail, redirect } from '@sveltejs/kit';
import { signIn } from '$lib/server/auth/sign-in';
import { clientAddress, setSessionCookie } from '$lib/server/auth/cookies';
import { DomainError } from '$lib/server/errors';
import { orderToOpen } from '$lib/server/sign-in-target';
import type { Actions, PageServerLoad } from './$types';

/** A backslash (read as a slash) or a control character (tabs and newlines are dropped). */
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_PATH = /[\\\u0000-\u001f\u007f]/;

/**
 * Only a path on this site: never send someone off to another after signing in. "/\evil.com" and
 * "/\t/evil.com" are both "//evil.com" to a browser.
 */
function safeNext(next: string | null): string {
	if (!next || !next.startsWith('/') || next.startsWith('//') || UNSAFE_IN_PATH.test(next))
		return '/';
	return next;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const next = safeNext(url.searchParams.get('next'));
	if (locals.actor) redirect(303, locals.actor.role === 'display' ? '/display' : next);
	return { orderNumber: await orderToOpen(locals.services.db.sql, next) };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const username = String(form.get('username') ?? '');
		try {
			const { token, expiresAt } = await signIn(event.locals.services, {
				username,
				password: form.get('password'),
				ip: clientAddress(event),
				userAgent: event.request.headers.get('user-agent')
			});
			setSessionCookie(event, token, expiresAt);
		} catch (error) {
			if (error instanceof DomainError)
				return fail(error.status, { username, message: error.message });
			throw error;
		}
		redirect(303, safeNext(event.url.searchParams.get('next')));
	}
};
