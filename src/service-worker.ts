/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
import { build, files, version } from '$service-worker';

/**
 * The installable app's offline side (issue #20): the app's code is kept at install, and the board
 * and each order page a person opened are kept as they last came from the server, so they open
 * without a network, marked as offline, while the changes made meanwhile wait in the page's queue.
 * Nothing else is kept: not the wall display, not a customer's status page, not sign-in.
 */
const worker = self as unknown as ServiceWorkerGlobalScope;

const SHELL = `benchboard-shell-${version}`;
/** Pages and their data, per person: emptied when they sign out (src/lib/offline/forget.ts). */
const PAGES = `benchboard-pages-${version}`;
/** A dead Wi-Fi often hangs rather than fails: after this long, what was kept is shown. */
const NETWORK_WAIT_MS = 4000;

/**
 * The board and an order, as pages and as the data a page asks for on the way there. Not the API:
 * a screen reads it live, and a kept copy of it could reach a screen it was not made for.
 */
const KEPT = [/^\/$/, /^\/orders\/\d+$/, /^\/__data\.json$/, /^\/orders\/\d+\/__data\.json$/];

worker.addEventListener('install', (event) => {
	event.waitUntil(
		caches
			.open(SHELL)
			.then((cache) => cache.addAll([...build, ...files]))
			.then(() => worker.skipWaiting())
	);
});

worker.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const name of await caches.keys())
				if (name.startsWith('benchboard-') && name !== SHELL && name !== PAGES)
					await caches.delete(name);
			await worker.clients.claim();
		})()
	);
});

worker.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== worker.location.origin) return;
	if ([...build, ...files].includes(url.pathname)) {
		event.respondWith(
			caches.match(url.pathname, { cacheName: SHELL }).then((kept) => kept ?? fetch(request))
		);
		return;
	}
	if (KEPT.some((pattern) => pattern.test(url.pathname)))
		event.respondWith(networkFirst(request, url));
});

/**
 * The server's answer when it gives one (and kept for next time); what was kept when it does not.
 * The query (a board filter) does not make another copy: one board, one of each order.
 */
async function networkFirst(request: Request, url: URL): Promise<Response> {
	const key = url.origin + url.pathname + (url.pathname.endsWith('__data.json') ? url.search : '');
	const cache = await caches.open(PAGES);
	try {
		const response = await withTimeout(fetch(request), NETWORK_WAIT_MS);
		if (await worthKeeping(response)) await cache.put(key, response.clone());
		return response;
	} catch (error) {
		const kept = await cache.match(key);
		if (kept) return kept;
		throw error;
	}
}

/** Only a page as it was shown: not an error, not a redirect to sign-in (which a page's data
 * says in a 200 of its own). */
async function worthKeeping(response: Response): Promise<boolean> {
	if (!response.ok || response.type !== 'basic' || response.redirected) return false;
	if (!response.headers.get('content-type')?.includes('json')) return true;
	const data = (await response
		.clone()
		.json()
		.catch(() => null)) as { type?: string } | null;
	return data?.type === 'data';
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('no answer')), ms);
		promise.then(
			(value) => (clearTimeout(timer), resolve(value)),
			(error) => (clearTimeout(timer), reject(error))
		);
	});
}
