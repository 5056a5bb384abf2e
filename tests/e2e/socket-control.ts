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
