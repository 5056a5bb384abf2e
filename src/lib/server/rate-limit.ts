/**
 * A fixed-window limit per key (a client address): `limit` requests per `windowMs`. In memory, so
 * per process; enough to make guessing a secret link hopeless.
 */
export class RateLimiter {
	#windows = new Map<string, { count: number; resetAt: number }>();

	constructor(
		readonly limit: number,
		readonly windowMs: number
	) {}

	/** Counts one request; false when the key is over its limit for this window. */
	take(key: string, now = Date.now()): boolean {
		if (this.#windows.size > 10_000) this.#sweep(now);
		const window = this.#windows.get(key);
		if (!window || window.resetAt <= now) {
			this.#windows.set(key, { count: 1, resetAt: now + this.windowMs });
			return true;
		}
		window.count++;
		return window.count <= this.limit;
	}

	/** How many addresses it remembers. */
	get size(): number {
		return this.#windows.size;
	}

	#sweep(now: number) {
		for (const [key, window] of this.#windows) if (window.resetAt <= now) this.#windows.delete(key);
	}
}
