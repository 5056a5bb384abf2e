import { isRedirect, type RequestEvent } from '@sveltejs/kit';
import { authenticate } from '../../src/hooks.server';

export interface Sent {
	method?: string;
	headers?: Record<string, string>;
	/** The session cookie's value, as a browser would send it. */
	session?: string;
	body?: unknown;
}

/**
 * What the route answers once the hook let the request through: by default, who it was. (Any
 * route's handler: each types its event by its own route.)
 */
export type Route = (event: never) => Response | Promise<Response>;

const whoAsked = (event: RequestEvent) =>
	Response.json({ actor: event.locals.actor, session: event.locals.session?.id ?? null });

/**
 * One request through the app's own authentication (hooks.server.ts), as the server would pass
 * it, to `route` (a route's handler, or one that answers who the hook says asked); a redirect comes
 * back as its response. The services must be registered (registerServices), as the server entry
 * does.
 */
export async function throughHook(path: string, sent: Sent = {}, route: Route = whoAsked) {
	const url = new URL(path, 'http://127.0.0.1:3000');
	const headers = new Headers(sent.headers);
	if (sent.body !== undefined) headers.set('content-type', 'application/json');
	const request = new Request(url, {
		method: sent.method ?? 'GET',
		headers,
		body: sent.body === undefined ? undefined : JSON.stringify(sent.body)
	});
	const cookies = new Map<string, string>(sent.session ? [['bb_session', sent.session]] : []);
	const event = {
		url,
		request,
		locals: {},
		params: Object.fromEntries(
			[...url.pathname.matchAll(/\/(\d+)(?=\/|$)/g)].map((match) => ['id', match[1]])
		),
		route: { id: url.pathname },
		cookies: {
			get: (name: string) => cookies.get(name),
			getAll: () => [...cookies].map(([name, value]) => ({ name, value })),
			set: (name: string, value: string) => void cookies.set(name, value),
			delete: (name: string) => void cookies.delete(name),
			serialize: () => ''
		},
		getClientAddress: () => '127.0.0.1',
		setHeaders: () => {},
		isDataRequest: false,
		isSubRequest: false,
		isRemoteRequest: false,
		platform: undefined,
		fetch
	} as unknown as RequestEvent;
	try {
		return await authenticate({ event, resolve: async (resolved) => route(resolved as never) });
	} catch (error) {
		if (!isRedirect(error)) throw error;
		return new Response(null, { status: error.status, headers: { location: error.location } });
	}
}
