import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar';
import type { Sql } from '../db';
import { snapshot } from '../transaction';
import { tablesInOrder } from './tables';

/** What an archive holds, written into it as manifest.json and checked on restore. */
export interface BackupManifest {
	format: 1;
	/** The version of Benchboard that wrote it. */
	app: string;
	createdAt: string;
	database: 'embedded' | 'server';
	/** The migrations the database had: a restore migrates to exactly these before loading rows. */
	migrations: { name: string; checksum: string | null }[];
	/** In the order rows are inserted (parents first), each with its SHA-256 and row count. */
	tables: { name: string; columns: string[]; rows: number; sha256: string }[];
	/** Uploaded photos and documents (content-addressed), and the history's signing key if it is a file. */
	files: { name: string; bytes: number; sha256: string }[];
	auditKey: boolean;
}

export interface BackupSource {
	sql: Sql;
	database: 'embedded' | 'server';
	filesDir: string;
	/** The signing key's file (audit.key), or null when it comes from AUDIT_KEY. */
	auditKeyFile: string | null;
	app: string;
}

/** A stored upload: its hash, or its hash and the thumbnail's suffix. Half-written uploads are not. */
const STORED_FILE = /^[0-9a-f]{64}(\.thumb\.webp)?$/;

/** The uploads under the file store's folder (`ab/abcd…`, by the hash's first two digits), sorted. */
export function storedFiles(filesDir: string): string[] {
	if (!fs.existsSync(filesDir)) return [];
	return fs
		.readdirSync(filesDir)
		.filter((folder) => /^[0-9a-f]{2}$/.test(folder))
		.flatMap((folder) =>
			fs
				.readdirSync(path.join(filesDir, folder))
				.filter((name) => STORED_FILE.test(name) && name.startsWith(folder))
				.map((name) => `${folder}/${name}`)
		)
		.sort();
}
const ROWS_PER_READ = 500;

/** A file's SHA-256, read as a stream: archives and photos need not fit in memory. */
export const sha256Of = (file: string) =>
	new Promise<string>((resolve, reject) => {
		const hash = createHash('sha256');
		fs.createReadStream(file)
			.on('data', (chunk) => hash.update(chunk))
			.on('error', reject)
			.on('end', () => resolve(hash.digest('hex')));
	});

/** Every row of every table from one snapshot, as JSON lines (PostgreSQL's own to_jsonb). */
async function exportTables(sql: Sql, dir: string) {
	fs.mkdirSync(path.join(dir, 'tables'));
	return snapshot(sql, async (tx) => {
		const migrations = await tx<{ name: string; checksum: string | null }[]>`
			select name, checksum from schema_migrations order by name`;
		const tables: BackupManifest['tables'] = [];
		for (const table of await tablesInOrder(tx)) {
			const file = path.join(dir, 'tables', `${table.name}.jsonl`);
			const out = fs.createWriteStream(file);
			let rows = 0;
			// A cursor, so a large history is never held in memory whole.
			await tx<{ row: string }[]>`
				select to_jsonb(t)::text as row from ${tx(table.name)} t`.cursor(ROWS_PER_READ, async (page) => {
				const text = page.map((one) => `${one.row}\n`).join('');
				if (!out.write(text))
					await new Promise<void>((resolve) => out.once('drain', () => resolve()));
				rows += page.length;
			});
			await new Promise<void>((resolve, reject) =>
				out.end((error?: Error | null) => (error ? reject(error) : resolve()))
			);
			tables.push({ ...table, rows, sha256: await sha256Of(file) });
		}
		return { migrations, tables };
	});
}

/** The uploads, linked (or copied, across disks) next to the tables: a file never changes once stored. */
async function collectFiles(source: BackupSource, dir: string) {
	const files: BackupManifest['files'] = [];
	for (const name of storedFiles(source.filesDir)) {
		const from = path.join(source.filesDir, name);
		const to = path.join(dir, 'files', name);
		fs.mkdirSync(path.dirname(to), { recursive: true });
		try {
			fs.linkSync(from, to);
		} catch {
			fs.copyFileSync(from, to);
		}
		files.push({ name: `files/${name}`, bytes: fs.statSync(to).size, sha256: await sha256Of(to) });
	}
	if (source.auditKeyFile && fs.existsSync(source.auditKeyFile)) {
		const to = path.join(dir, 'audit.key');
		fs.copyFileSync(source.auditKeyFile, to);
		files.push({ name: 'audit.key', bytes: fs.statSync(to).size, sha256: await sha256Of(to) });
	}
	return files;
}

/**
 * Writes one consistent archive (a .tar.gz) of the database and the uploaded files while the app
 * keeps running: the rows come from one snapshot, and the files from after it, so every file a row
 * names is there (uploads are written before their row commits; stored files are never removed
 * while a row names them). Beside it, `<file>.sha256` in the format `sha256sum -c` checks.
 */
export async function writeBackup(source: BackupSource, outFile: string) {
	const target = path.resolve(outFile);
	fs.mkdirSync(path.dirname(target), { recursive: true });
	const work = fs.mkdtempSync(path.join(path.dirname(target), '.backup-'));
	try {
		const { migrations, tables } = await exportTables(source.sql, work);
		const files = await collectFiles(source, work);
		const manifest: BackupManifest = {
			format: 1,
			app: source.app,
			createdAt: new Date().toISOString(),
			database: source.database,
			migrations,
			tables,
			files,
			auditKey: files.some((file) => file.name === 'audit.key')
		};
		fs.writeFileSync(path.join(work, 'manifest.json'), `${JSON.stringify(manifest, null, '\t')}\n`);
		const partial = `${target}.partial`;
		await pipeline(
			tar.create({ gzip: true, cwd: work, portable: true }, [
				'manifest.json',
				'tables',
				...(files.some((file) => file.name.startsWith('files/')) ? ['files'] : []),
				...(manifest.auditKey ? ['audit.key'] : [])
			]),
			fs.createWriteStream(partial, { mode: 0o600 })
		);
		fs.renameSync(partial, target);
		const sha256 = await sha256Of(target);
		fs.writeFileSync(`${target}.sha256`, `${sha256}  ${path.basename(target)}\n`);
		return { file: target, sha256, manifest };
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}
