import type { Sql } from './db';

/**
 * A fixed-window limit per key (a client address): `limit` requests per `windowMs`, counted in the
 * database so that every process over one PostgreSQL counts the same requests (migration 0015).
 * One statement per request; ended windows are swept now and then.
 */
export class SharedRateLimiter {
	constructor(
		readonly name: string,
		readonly limit: number,
		readonly windowMs: number
	) {}

	async take(sql: Sql, key: string): Promise<boolean> {
		return (await this.attempt(sql, key)).allowed;
	}

	/** Counts a request; when it is over the limit, also how long until its window ends. */
	async attempt(sql: Sql, key: string): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
		const { count, resetInMs } = await countIn(sql, `${this.name}:${key}`, this.windowMs);
		if (Math.random() < 0.01) await sql`delete from rate_limits where reset_at < now()`;
		return {
			allowed: count <= this.limit,
			retryAfterSeconds: Math.max(1, Math.ceil(resetInMs / 1000))
		};
	}

	/** Starts the key's window over: its requests so far no longer count. */
	async forget(sql: Sql, key: string): Promise<void> {
		await sql`delete from rate_limits where key = ${`${this.name}:${key}`}`;
	}
}

/**
 * Requests under way per key, counted in the database so that each process sees the others'
 * (migration 0015's table): for a limit that must hold for requests sent all at once, which a
 * count of finished requests alone lets through. A request whose process died mid-way stops
 * counting when the window it entered in ends.
 */
export class SharedInFlight {
	constructor(
		readonly name: string,
		readonly windowMs: number
	) {}

	/** Counts this request as under way; returns how many others are. */
	async enter(sql: Sql, key: string): Promise<number> {
		return (await countIn(sql, `${this.name}:${key}`, this.windowMs)).count - 1;
	}

	/** This request is over (done or refused). */
	async leave(sql: Sql, key: string): Promise<void> {
		await sql`
			update rate_limits set count = greatest(count - 1, 0)
			where key = ${`${this.name}:${key}`}`;
	}
}

/**
 * Adds one to the key's count in its window (a new window once the last one ended): the count, and
 * how long the window has left by the database's clock.
 */
async function countIn(
	sql: Sql,
	key: string,
	windowMs: number
): Promise<{ count: number; resetInMs: number }> {
	const [row] = await sql<{ count: number; resetInMs: number }[]>`
		insert into rate_limits as r (key, count, reset_at)
		values (${key}, 1, now() + make_interval(secs => ${windowMs / 1000}))
		on conflict (key) do update set
			count = case when r.reset_at <= now() then 1 else r.count + 1 end,
			reset_at = case when r.reset_at <= now() then excluded.reset_at else r.reset_at end
		returning count, (extract(epoch from reset_at - now()) * 1000)::float8 as reset_in_ms`;
	return row;
}
