import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import * as tar from 'tar';
import { openDatabase, type DatabaseOptions, type Tx } from '../db';
import { checksumOf, migrate } from '../migrate';
import { transaction } from '../transaction';
import { sha256Of, type BackupManifest } from './write';

export interface RestoreTarget extends DatabaseOptions {
	migrationsDir: string;
	/** Where the uploads go: `files/` in the data folder. */
	filesDir: string;
	/** Where the signing key goes (`audit.key` in the data folder), unless AUDIT_KEY is used. */
	auditKeyFile: string | null;
	/** Replace a database that already has data. */
	force?: boolean;
}

const ROWS_PER_INSERT = 500;

/** The archive as it was written, by the checksum beside it (`.sha256`), before it is opened. */
async function checkSum(archive: string) {
	const sum = `${archive}.sha256`;
	if (!fs.existsSync(sum)) return;
	const expected = fs.readFileSync(sum, 'utf8').split(/\s+/)[0];
	if ((await sha256Of(archive)) !== expected)
		throw new Error(`${archive} does not match its checksum in ${sum}: it is damaged`);
}

/** Each part of the opened archive, by the checksums in its manifest. */
async function checkArchive(archive: string, dir: string): Promise<BackupManifest> {
	const manifest = JSON.parse(
		fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')
	) as BackupManifest;
	if (manifest.format !== 1)
		throw new Error(`${archive} is not a Benchboard backup this version reads`);
	for (const table of manifest.tables)
		if ((await sha256Of(path.join(dir, 'tables', `${table.name}.jsonl`))) !== table.sha256)
			throw new Error(`${archive}: the rows of ${table.name} are damaged`);
	for (const file of manifest.files)
		if ((await sha256Of(path.join(dir, file.name))) !== file.sha256)
			throw new Error(`${archive}: ${file.name} is damaged`);
	return manifest;
}

/** The migrations the archive's database had, from this version's files: refused if any differ. */
function migrationsOf(manifest: BackupManifest, migrationsDir: string, into: string): string {
	const dir = path.join(into, 'migrations');
	fs.mkdirSync(dir);
	for (const { name, checksum } of manifest.migrations) {
		const file = path.join(migrationsDir, name);
		if (!fs.existsSync(file))
			throw new Error(
				`The backup was made by a newer Benchboard (it has migration ${name}): restore it with that version`
			);
		const text = fs.readFileSync(file, 'utf8');
		if (checksum && checksumOf(text) !== checksum)
			throw new Error(`migrations/${name} differs from the one the backup's database applied`);
		fs.writeFileSync(path.join(dir, name), text);
	}
	return dir;
}

async function hasData(tx: Tx): Promise<boolean> {
	const [{ tables }] = await tx<{ tables: number }[]>`
		select count(*)::int as tables from information_schema.tables where table_schema = 'public'`;
	return tables > 0;
}

/** Rows of one table, from its JSON lines, in inserts of a few hundred. */
async function loadTable(tx: Tx, file: string, table: BackupManifest['tables'][number]) {
	const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
	let batch: unknown[] = [];
	const flush = async () => {
		if (!batch.length) return;
		// PostgreSQL reads each value back from its own text form: bytea, jsonb and timestamps alike.
		await tx`
			insert into ${tx(table.name)} (${tx(table.columns)})
			select ${tx(table.columns)}
			from jsonb_populate_recordset(null::${tx(table.name)}, ${tx.json(batch as never)}::jsonb)`;
		batch = [];
	};
	for await (const line of lines) {
		if (!line) continue;
		batch.push(JSON.parse(line));
		if (batch.length >= ROWS_PER_INSERT) await flush();
	}
	await flush();
}

const TRIGGER_MODES: Record<string, string> = { O: '', R: 'replica', A: 'always' };

/**
 * Rows go back as they were: no trigger of ours derives anything from them again (a stage visit
 * from an event, which the archive holds already; a notice to other processes). Foreign keys are
 * still checked (their triggers are internal). Each trigger gets back the mode it had.
 */
async function withoutTriggers(tx: Tx, load: () => Promise<void>) {
	const triggers = await tx<{ table: string; name: string; mode: string }[]>`
		select c.relname as table, t.tgname as name, t.tgenabled as mode
		from pg_trigger t
			join pg_class c on c.oid = t.tgrelid
			join pg_namespace n on n.oid = c.relnamespace
		where n.nspname = 'public' and not t.tgisinternal and t.tgenabled <> 'D'`;
	for (const { table, name } of triggers)
		await tx`alter table ${tx(table)} disable trigger ${tx(name)}`;
	await load();
	for (const { table, name, mode } of triggers)
		await tx`alter table ${tx(table)} enable ${tx.unsafe(TRIGGER_MODES[mode] ?? '')} trigger ${tx(name)}`;
}

/** Serial counters continue after the restored rows. */
async function resetSequences(tx: Tx) {
	const serials = await tx<{ table: string; column: string }[]>`
		select table_name as table, column_name as column from information_schema.columns
		where table_schema = 'public' and column_default like 'nextval(%'`;
	for (const { table, column } of serials)
		await tx`
			select setval(pg_get_serial_sequence(${table}, ${column}),
				coalesce((select max(${tx(column)}) from ${tx(table)}), 0) + 1, false)`;
}

/**
 * Restores an archive of `writeBackup` into an empty database (embedded data folder or PostgreSQL
 * server database): migrates it to the archive's migrations, loads every row in one transaction,
 * brings it up to this version's migrations, and puts the files back. A database that already has
 * tables is refused unless `force`, which empties it first.
 */
export async function restoreBackup(archive: string, target: RestoreTarget) {
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'benchboard-restore-'));
	try {
		await checkSum(archive);
		await tar.extract({ file: archive, cwd: work, strict: true });
		const manifest = await checkArchive(archive, work);
		const migrations = migrationsOf(manifest, target.migrationsDir, work);
		const db = await openDatabase(target);
		try {
			await transaction(db.sql, async (tx) => {
				if (!(await hasData(tx))) return;
				if (!target.force)
					throw new Error(
						'The target database already has data: restore into an empty DATA_DIR or database, or add --force to replace it'
					);
				await tx`drop schema public cascade`;
				await tx`create schema public`;
			});
			await migrate(db.sql, migrations);
			await transaction(db.sql, async (tx) => {
				// What the migrations themselves inserted (the built-in shop user, the counter).
				for (const table of [...manifest.tables].reverse()) await tx`delete from ${tx(table.name)}`;
				await withoutTriggers(tx, async () => {
					for (const table of manifest.tables)
						await loadTable(tx, path.join(work, 'tables', `${table.name}.jsonl`), table);
				});
				await resetSequences(tx);
			});
			const applied = await migrate(db.sql, target.migrationsDir);
			for (const file of manifest.files.filter((one) => one.name.startsWith('files/'))) {
				const to = path.join(target.filesDir, file.name.slice('files/'.length));
				fs.mkdirSync(path.dirname(to), { recursive: true });
				fs.copyFileSync(path.join(work, file.name), to);
			}
			const keyMissing = target.auditKeyFile && !fs.existsSync(target.auditKeyFile);
			if (manifest.auditKey && target.auditKeyFile && (keyMissing || target.force)) {
				fs.mkdirSync(path.dirname(target.auditKeyFile), { recursive: true });
				fs.copyFileSync(path.join(work, 'audit.key'), target.auditKeyFile);
				fs.chmodSync(target.auditKeyFile, 0o600);
			}
			return { manifest, applied };
		} finally {
			await db.close();
		}
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}
