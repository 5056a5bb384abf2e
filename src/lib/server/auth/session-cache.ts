import type { Actor } from '../events';
import type { Session } from './sessions';

interface Entry {
	session: Session;
	actor: Actor;
	/** When this copy must be read again from the database (ms since the epoch). */
	until: number;
}

/**
 * Sessions validated in the last few seconds, so a burst of requests (a move, its answer's reads,
 * the socket's) reads a session once. Correct because every way a session ends (sign-out, disable,
 * role or password change, a revoked display) goes through the bus's `endSessions`, which every
 * process hears (bus-relay.ts) and which forgets the session here at once; expiry is checked on
 * every hit. What may be stale for up to `ttlMs`: a renamed person's name.
 */
export class SessionCache {
	#entries = new Map<string, Entry>();
	readonly #ttlMs: number;
	readonly #max: number;

	constructor({ ttlMs = 5_000, max = 10_000 } = {}) {
		this.#ttlMs = ttlMs;
		this.#max = max;
	}

	get(id: string, now = Date.now()): { session: Session; actor: Actor } | null {
		const entry = this.#entries.get(id);
		if (!entry) return null;
		if (entry.until <= now || entry.session.expiresAt.getTime() <= now) {
			this.#entries.delete(id);
			return null;
		}
		return { session: { ...entry.session, extended: false }, actor: entry.actor };
	}

	set(session: Session, actor: Actor, now = Date.now()): void {
		if (this.#entries.size >= this.#max) {
			// The oldest entry goes first: a Map keeps insertion order.
			this.#entries.delete(this.#entries.keys().next().value!);
		}
		this.#entries.set(session.id, { session, actor, until: now + this.#ttlMs });
	}

	forget(ids: readonly string[]): void {
		for (const id of ids) this.#entries.delete(id);
	}

	clear(): void {
		this.#entries.clear();
	}
}
