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
	#generation = 0;
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

	/**
	 * Counts the forgets. A session read from the database while sessions ended (on any process) may
	 * have been read just before its own end: the reader compares this before and after, and reads
	 * again rather than keep, or let a socket join with, a session that is gone.
	 */
	get generation(): number {
		return this.#generation;
	}

	forget(ids: readonly string[]): void {
		this.#generation++;
		for (const id of ids) this.#entries.delete(id);
	}

	clear(): void {
		this.#generation++;
		this.#entries.clear();
	}
}
