import fs from 'node:fs';
import path from 'node:path';
import type { Sql } from './db';
import { transaction } from './transaction';

/** Any constant both processes agree on: it names the migration lock. */
const MIGRATION_LOCK = 4_210_001;

/**
 * Applies the forward-only SQL files in `dir` that are not yet recorded, in name order, in one
 * transaction under an advisory lock: two processes starting at once apply each file once.
 * Returns the names it applied.
 */
export async function migrate(sql: Sql, dir: string): Promise<string[]> {
	const files = fs
		.readdirSync(dir)
		.filter((name) => /^\d{4}_[\w-]+\.sql$/.test(name))
		.sort();
	return transaction(sql, async (tx) => {
		await tx`select pg_advisory_xact_lock(${MIGRATION_LOCK})`;
		// Looked up first: an app role without CREATE (scripts/app-role.sql) may start on a migrated
		// database, and "create table if not exists" would still ask for that right.
		const [{ known }] = await tx<{ known: boolean }[]>`
			select to_regclass('schema_migrations') is not null as known`;
		if (!known)
			await tx`
			create table schema_migrations (
				name text primary key,
				applied_at timestamptz not null default now()
			)`;
		const done = new Set(
			(await tx<{ name: string }[]>`select name from schema_migrations`).map((r) => r.name)
		);
		const applied: string[] = [];
		for (const name of files) {
			if (done.has(name)) continue;
			await tx.unsafe(fs.readFileSync(path.join(dir, name), 'utf8'));
			await tx`insert into schema_migrations (name) values (${name})`;
			applied.push(name);
		}
		return applied;
	});
}
