import {
	isRedirect,
	json,
	redirect,
	type Handle,
	type HandleServerError,
	type RequestEvent
} from '@sveltejs/kit';
import { countAccounts } from '$lib/server/auth/accounts';
import { deleteSessionCookie, setSessionCookie } from '$lib/server/auth/cookies';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/sessions';
import { authenticateBearer } from '$lib/server/auth/bearer';
import { DomainError } from '$lib/server/errors';
import { setSecurityHeaders } from '$lib/server/security-headers';
import { getServices, type Services } from '$lib/server/services';
import { sequence } from '@sveltejs/kit/hooks';
import { log } from '$lib/server/log';

/** Reachable without signing in. */
const PUBLIC = [
	/^\/login$/,
	/^\/setup$/,
	/^\/display\/connect\/[^/]+$/,
	/^\/api\/v1\/health$/,
	// The API's OpenAPI document: its shape, no data.
	/^\/api\/v1\/openapi\.json$/,
	// A customer's status page, opened with the order's secret link, and the shop's logo on it.
	/^\/s\/[^/]+(\/status)?$/,
	/^\/shop\/logo\/[0-9a-f]{64}$/,
	// The installable app's name and icons.
	/^\/manifest\.webmanifest$/
];
/** All a wall display may reach: its board, the data behind it, and signing out. */
const DISPLAY_ALLOWED = [/^\/display$/, /^\/api\/v1\/(board|events|health)$/, /^\/logout$/];

async function needsSetup(services: Services): Promise<boolean> {
	if (services.setup.settled) return false;
	if ((await countAccounts(services)) > 0) {
		services.setup.settle();
		return false;
	}
	return true;
}

const refuse = (event: RequestEvent, status: 401 | 403, message: string) =>
	json({ error: { code: status === 401 ? 'unauthenticated' : 'forbidden', message } }, { status });

/**
 * The session cookie, for our own pages and screens. A cookie-authenticated change to the API must
 * come from our own pages: browsers send Origin on every cross-site POST; SameSite=Lax already
 * keeps the cookie off them, this refuses them outright.
 */
async function authenticateCookie(
	event: RequestEvent,
	services: Services,
	api: boolean
): Promise<Response | null> {
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const result = await validateSessionToken(services.db.sql, token, services.sessions);
		if (result) {
			event.locals.actor = result.actor;
			event.locals.session = result.session;
			if (result.session.extended) setSessionCookie(event, token, result.session.expiresAt);
		} else {
			deleteSessionCookie(event);
		}
	}
	const origin = event.request.headers.get('origin');
	if (
		api &&
		!['GET', 'HEAD', 'OPTIONS'].includes(event.request.method) &&
		origin &&
		origin !== event.url.origin
	) {
		return refuse(event, 403, 'Cross-site requests are not allowed');
	}
	return null;
}

/** Every answer, a redirect too, leaves with the security headers. */
const secure: Handle = async ({ event, resolve }) => {
	let response: Response;
	try {
		response = await resolve(event);
	} catch (error) {
		if (!isRedirect(error)) throw error;
		response = new Response(null, { status: error.status, headers: { location: error.location } });
	}
	setSecurityHeaders(event.url, response.headers);
	return response;
};

/** Who asks, once per request (exported for the tests, which call it as the server would). */
export const authenticate: Handle = async ({ event, resolve }) => {
	const services = getServices();
	event.locals.services = services;
	event.locals.actor = null;
	event.locals.session = null;
	const path = event.url.pathname;
	const api = path.startsWith('/api/');

	// Another tool's API token. It opens the API only (a page, the socket and the notes take the
	// session cookie alone), and a bad one is refused outright, never made good by a cookie. It
	// comes with no cookie for another site to ride on: no Origin check.
	const authorization = api ? event.request.headers.get('authorization') : null;
	if (authorization !== null) {
		try {
			event.locals.actor = await authenticateBearer(services, authorization);
		} catch (error) {
			if (!(error instanceof DomainError)) throw error;
			const { retryAfter } = error.details;
			return json(error.toJSON(), {
				status: error.status,
				headers: retryAfter ? { 'retry-after': String(retryAfter) } : {}
			});
		}
	} else {
		const refusal = await authenticateCookie(event, services, api);
		if (refusal) return refusal;
	}

	if (PUBLIC.some((pattern) => pattern.test(path))) {
		if (api || path === '/setup' || (await needsSetup(services)) === false) return resolve(event);
		redirect(303, '/setup');
	}
	if (await needsSetup(services)) {
		if (api)
			return refuse(
				event,
				401,
				'Benchboard is not set up yet: open it in a browser to create the owner'
			);
		redirect(303, '/setup');
	}
	const actor = event.locals.actor;
	if (!actor) {
		if (api) return refuse(event, 401, 'Sign in first');
		redirect(303, `/login?next=${encodeURIComponent(path + event.url.search)}`);
	}
	if (actor.role === 'display' && !DISPLAY_ALLOWED.some((pattern) => pattern.test(path))) {
		if (api) return refuse(event, 403, 'A wall display can only show the board');
		redirect(303, '/display');
	}
	return resolve(event);
};

/**
 * One line per request: method, route (never the path, which may carry a status page's secret),
 * status and duration.
 */
const logRequest: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	let status = 500;
	try {
		const response = await resolve(event);
		status = response.status;
		return response;
	} catch (error) {
		if (isRedirect(error)) status = error.status;
		throw error;
	} finally {
		const route = event.route.id ?? '(none)';
		const ms = performance.now() - started;
		log.info({ method: event.request.method, route, status, ms: Math.round(ms) }, 'request');
		getServices().metrics.request(event.request.method, route, status, ms / 1000);
	}
};

export const handle = sequence(logRequest, secure, authenticate);

export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status !== 404) {
		log.error(
			{ method: event.request.method, route: event.route.id, err: error },
			'unhandled error'
		);
	}
	return {
		message: status === 404 ? 'Not found' : 'Something went wrong on our side. Please try again.'
	};
};
