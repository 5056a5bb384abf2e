import type { Page } from './fixtures';

/** Lets a test cut a page's socket for real and keep it from reconnecting until allowed. */
export async function controlSocket(page: Page) {
	let allowed = true;
	const open = new Set<{ close(): Promise<void> }>();
	await page.routeWebSocket(/\/socket\.io\//, (ws) => {
		if (!allowed) return void ws.close();
		ws.connectToServer();
		open.add(ws);
	});
	return {
		async cut() {
			allowed = false;
			for (const ws of open) await ws.close();
			open.clear();
		},
		allow() {
			allowed = true;
		}
	};
}

/**
 * The Wi-Fi at the bench, for a page: `drop()` cuts its API and its board's link (socket and
 * long-polling alike; the pages themselves still load, as from the service worker), `back()` gives
 * everything back.
 */
export async function controlNetwork(page: Page) {
	const socket = await controlSocket(page);
	let apiDown = false;
	let linkDown = false;
	await page.route(/\/api\/v1\//, (route) =>
		apiDown ? route.abort('internetdisconnected') : route.continue()
	);
	await page.route(/\/socket\.io\//, (route) =>
		linkDown ? route.abort('internetdisconnected') : route.continue()
	);
	return {
		async drop() {
			apiDown = linkDown = true;
			await socket.cut();
		},
		back() {
			apiDown = linkDown = false;
			socket.allow();
		}
	};
}
