import type { Sql } from './db';

/**
 * A fixed-window limit per key (a client address): `limit` requests per `windowMs`. In memory, so
 * per process: for the first run's setup code, which is one process's own.
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

/**
 * The same fixed-window limit, counted in the database so that every process over one PostgreSQL
 * counts the same requests (migration 0015). One statement per request; ended windows are swept
 * now and then.
 */
export class SharedRateLimiter {
	constructor(
		readonly name: string,
		readonly limit: number,
		readonly windowMs: number
	) {}

	async take(sql: Sql, key: string): Promise<boolean> {
		const [{ count }] = await sql<{ count: number }[]>`
			insert into rate_limits as r (key, count, reset_at)
			values (${`${this.name}:${key}`}, 1, now() + make_interval(secs => ${this.windowMs / 1000}))
			on conflict (key) do update set
				count = case when r.reset_at <= now() then 1 else r.count + 1 end,
				reset_at = case when r.reset_at <= now() then excluded.reset_at else r.reset_at end
			returning count`;
		if (Math.random() < 0.01) await sql`delete from rate_limits where reset_at < now()`;
		return count <= this.limit;
	}
}
