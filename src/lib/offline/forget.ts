import { forgetBoards } from './kept-board.svelte';
import { ChangeQueue } from './queue.svelte';

/**
 * Signing out leaves nothing of the person's on the device: not the moves they queued offline (for
 * someone else to send), not the pages the service worker kept for offline use (customers' names
 * and orders).
 */
export async function forgetDevice(userId: number): Promise<void> {
	await ChangeQueue.of(userId).clear();
	await forgetPages();
}

/**
 * The pages and the board kept for offline use belong to whoever was signed in: they go whenever a
 * session ends or another begins (the sign-in page, a wall display's link), so nobody is ever shown
 * another person's copy, nor a wall display a staff member's unmasked board.
 */
export async function forgetPages(): Promise<void> {
	await forgetBoards();
	if (typeof caches === 'undefined') return;
	for (const name of await caches.keys().catch(() => [] as string[]))
		if (name.startsWith('benchboard-pages-')) await caches.delete(name).catch(() => false);
}
