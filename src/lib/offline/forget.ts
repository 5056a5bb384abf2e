import { ChangeQueue } from './queue.svelte';

/**
 * Signing out leaves nothing of the person's on the device: not the moves they queued offline (for
 * someone else to send), not the pages the service worker kept for offline use (customers' names
 * and orders).
 */
export async function forgetDevice(userId: number): Promise<void> {
	await ChangeQueue.of(userId).clear();
	if (typeof caches === 'undefined') return;
	for (const name of await caches.keys().catch(() => [] as string[]))
		if (name.startsWith('benchboard-pages-')) await caches.delete(name).catch(() => false);
}
