import type { Actor } from '../events';
import type { Session } from './sessions';

interface Entry<V> {
	value: V;
	/** When the credential itself expires (ms since the epoch; Infinity for never). */
	expiresAt: number;
	/** When this copy must be read again from the database (ms since the epoch). */
	until: number;
}

/**
 * Credentials (sessions, API tokens) validated in the last few seconds, by the SHA-256 of their
 * secret, so a burst of requests (a move, its answer's reads, the socket's) reads one once.
 * Correct because every way a credential ends (sign-out, disable, role or password change, a
 * revoked display or token) goes through the bus's `endSessions`, which every process hears
 * (bus-relay.ts) and which forgets it here at once; expiry is checked on every hit. What may be
 * stale for up to `ttlMs`: a renamed person's name.
 */
export class CredentialCache<V> {
	#entries = new Map<string, Entry<V>>();
	#generation = 0;
	readonly #ttlMs: number;
	readonly #max: number;

	constructor({ ttlMs = 5_000, max = 10_000 } = {}) {
		this.#ttlMs = ttlMs;
		this.#max = max;
	}

	/** The value kept for `id`, unless its copy or the credential itself has expired. */
	find(id: string, now = Date.now()): V | null {
		const entry = this.#entries.get(id);
		if (!entry) return null;
		if (entry.until <= now || entry.expiresAt <= now) {
			this.#entries.delete(id);
			return null;
		}
		return entry.value;
	}

	keep(id: string, value: V, expiresAt: Date | null, now = Date.now()): void {
		if (this.#entries.size >= this.#max) {
			// The oldest entry goes first: a Map keeps insertion order.
			this.#entries.delete(this.#entries.keys().next().value!);
		}
		this.#entries.set(id, {
			value,
			expiresAt: expiresAt?.getTime() ?? Infinity,
			until: now + this.#ttlMs
		});
	}

	/**
	 * The value behind `id`: kept, or read by `load` and kept. A credential read while credentials
	 * ended (on any process) may have been read just before its own end: then it is read again,
	 * rather than kept, or let through, after it is gone.
	 */
	async read(
		id: string,
		load: () => Promise<{ value: V; expiresAt: Date | null } | null>
	): Promise<V | null> {
		const kept = this.find(id);
		if (kept) return kept;
		for (let attempt = 1; ; attempt++) {
			const generation = this.#generation;
			const found = await load();
			if (this.#generation !== generation && attempt < 5) continue;
			if (!found) return null;
			if (this.#generation === generation) this.keep(id, found.value, found.expiresAt);
			return found.value;
		}
	}

	/** Counts the forgets: a reader compares it before and after its read (`read`). */
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

/** Sessions validated moments ago, with the actor behind each (sessions.ts). */
export class SessionCache extends CredentialCache<{ session: Session; actor: Actor }> {}
