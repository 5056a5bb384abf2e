/**
 * A new Idempotency-Key for a change: 128 random bits as 32 hex digits. `crypto.randomUUID` exists
 * only on https pages (and localhost), and a shop may open Benchboard over plain http on its own
 * network; `getRandomValues` is there either way.
 */
export function newChangeKey(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
