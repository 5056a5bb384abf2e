import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Sql } from './db';
import { transaction } from './transaction';

/** Any constant both processes agree on: it names the migration lock. */
const MIGRATION_LOCK = 4_210_001;

/** A file's fingerprint; line endings do not count (a checkout on Windows must not look changed). */
export function checksumOf(text: string): string {
	return createHash('sha256').update(text.replace(/\r\n/g, '\n')).digest('hex');
}

/**
 * Applies the forward-only SQL files in `dir` that are not yet recorded, in name order, in one
 * transaction under an advisory lock: two processes starting at once apply each file once.
 * Each applied file's checksum is recorded: a file changed after it was applied, or a database
 * that has migrations this copy of the app lacks (an older version started on a newer database),
 * is refused before anything runs. Returns the names it applied.
 */
/** The migration files in a folder, in the order they apply. */
export const migrationNames = (dir: string) =>
	fs
		.readdirSync(dir)
		.filter((name) => /^\d{4}_[\w-]+\.sql$/.test(name))
		.sort();

/** The files a database that already has a schema has not applied yet ([] for a new database). */
export async function pendingMigrations(sql: Sql, dir: string): Promise<string[]> {
	const [{ known }] = await sql<{ known: boolean }[]>`
		select to_regclass('schema_migrations') is not null as known`;
	if (!known) return [];
	const done = new Set(
		(await sql<{ name: string }[]>`select name from schema_migrations`).map((r) => r.name)
	);
	return migrationNames(dir).filter((name) => !done.has(name));
}

export async function migrate(sql: Sql, dir: string): Promise<string[]> {
	const files = migrationNames(dir).map((name) => {
		const text = fs.readFileSync(path.join(dir, name), 'utf8');
		return { name, text, checksum: checksumOf(text) };
	});
	return transaction(sql, async (tx) => {
		await tx`select pg_advisory_xact_lock(${MIGRATION_LOCK})`;
		// Looked up first: an app role without CREATE (scripts/app-role.sql) may start on a migrated
		// database, and "create table if not exists" would still ask for that right.
		const [{ known, checksums }] = await tx<{ known: boolean; checksums: boolean }[]>`
			select to_regclass('schema_migrations') is not null as known,
				exists (select from information_schema.columns
					where table_name = 'schema_migrations' and column_name = 'checksum') as checksums`;
		if (!known)
			await tx`
			create table schema_migrations (
				name text primary key,
				applied_at timestamptz not null default now(),
				checksum text
			)`;
		else if (!checksums) await tx`alter table schema_migrations add column checksum text`;
		const done = new Map(
			(
				await tx<{ name: string; checksum: string | null }[]>`
				select name, checksum from schema_migrations`
			).map((r) => [r.name, r.checksum])
		);
		refuseDrift(files, done);
		// Applied before checksums were kept: the files as they are now are taken as the originals.
		for (const file of files)
			if (done.has(file.name) && done.get(file.name) === null)
				await tx`update schema_migrations set checksum = ${file.checksum} where name = ${file.name}`;
		const applied: string[] = [];
		for (const { name, text, checksum } of files) {
			if (done.has(name)) continue;
			await tx.unsafe(text);
			await tx`insert into schema_migrations (name, checksum) values (${name}, ${checksum})`;
			applied.push(name);
		}
		return applied;
	});
}

/** An applied migration must be the same file today, and every applied one must still be here. */
function refuseDrift(
	files: { name: string; checksum: string }[],
	done: Map<string, string | null>
): void {
	for (const file of files) {
		const recorded = done.get(file.name);
		if (recorded && recorded !== file.checksum)
			throw new Error(
				`migrations/${file.name} was changed after this database applied it. Migrations are ` +
					`forward-only: restore the file as it was (git checkout -- migrations/${file.name}) ` +
					`and put the change in a new migration.`
			);
	}
	const ours = new Set(files.map((file) => file.name));
	const unknown = [...done.keys()].filter((name) => !ours.has(name)).sort();
	if (unknown.length)
		throw new Error(
			`This database has migrations this version of Benchboard does not know (${unknown.join(', ')}): ` +
				`it was upgraded by a newer version. Run that version, or restore the backup taken before ` +
				`the upgrade (docs/operations.md, "Upgrades").`
		);
}
