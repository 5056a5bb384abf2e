import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE } from './sessions';

/** The session cookie as Lucia's guide sets it: HttpOnly, SameSite=Lax, Secure over https. */
export function setSessionCookie(
	event: { cookies: Cookies; url: URL },
	token: string,
	expiresAt: Date
): void {
	event.cookies.set(SESSION_COOKIE, token, {
		httpOnly: true,
		sameSite: 'lax',
		secure: event.url.protocol === 'https:',
		path: '/',
		expires: expiresAt
	});
}

export function deleteSessionCookie(event: { cookies: Cookies }): void {
	event.cookies.delete(SESSION_COOKIE, { path: '/' });
}

/** The client's address, for the audit trail and the sign-in limits. */
export function clientAddress(event: { getClientAddress(): string }): string | null {
	try {
		return event.getClientAddress();
	} catch {
		return null;
	}
}
