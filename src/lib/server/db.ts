import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import postgres from 'postgres';
import { log } from './log';

export type Sql = postgres.Sql<Record<string, never>>;
export type Tx = postgres.TransactionSql<Record<string, never>>;

export interface Database {
	sql: Sql;
	mode: 'embedded' | 'server';
	/**
	 * This process's name on its connections (application_name): each event's announcement names
	 * its writer, so a process knows its own (migrations/0014_event_notify.sql).
	 */
	origin: string;
	/** True when this start created the embedded data folder (so it may want demo data). */
	created: boolean;
	close(): Promise<void>;
	/** An in-memory embedded database's files as a tarball, to start others from (tests). */
	dump?(): Promise<Blob>;
}

export interface DatabaseOptions {
	/** A PostgreSQL server; when absent, the embedded database in `dataDir` is used. */
	url?: string;
	/** Folder for the embedded database, or 'memory://' for a throwaway one (tests). */
	dataDir?: string;
	/**
	 * A throwaway ('memory://') database starts as a copy of this dump (`Database.dump`) rather
	 * than an empty cluster: tests start from one migrated template instead of running initdb and
	 * every migration again.
	 */
	template?: Blob;
}

const sqlOptions = {
	transform: postgres.camel,
	onnotice: () => {},
	types: {
		// Calendar dates stay 'YYYY-MM-DD' strings: a Date would shift them by the server's time zone.
		date: { to: 1082, from: [1082], serialize: (x: string) => x, parse: (x: string) => x },
		// seq is a bigint; it stays far below 2^53.
		bigint: {
			to: 20,
			from: [20],
			serialize: (x: number) => String(x),
			parse: (x: string) => Number(x)
		},
		// Carat weights (numeric(8,3)) are small enough to be exact enough as numbers.
		numeric: {
			to: 1700,
			from: [1700],
			serialize: (x: number) => String(x),
			parse: (x: string) => Number(x)
		}
	}
} satisfies postgres.Options<Record<string, postgres.PostgresType>>;

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
	if (options.url) {
		requirePatchedDriver();
		const origin = `benchboard ${randomUUID()}`;
		const sql = postgres(options.url, {
			...sqlOptions,
			max: 10,
			connection: { application_name: origin }
		}) as unknown as Sql;
		await sql`select 1`;
		return { sql, mode: 'server', origin, created: false, close: () => sql.end({ timeout: 5 }) };
	}
	return openEmbedded(options.dataDir ?? './data', options.template);
}

/**
 * With several connections, an unpatched postgres.js 3.4 can run one request's queries inside
 * another's transaction (see transaction.ts). npm applies the patch after every install; an install
 * that skipped it (`--ignore-scripts`) must not reach a server database.
 */
function requirePatchedDriver(): void {
	const driver = createRequire(import.meta.url).resolve('postgres');
	const connection = fs.readFileSync(path.join(path.dirname(driver), 'connection.js'), 'utf8');
	if (!connection.includes("Benchboard's patch")) {
		throw new Error(
			'postgres.js is missing the patch in patches/: run `npm install` (or `npx patch-package`).'
		);
	}
}

/**
 * PGlite served over the PostgreSQL wire protocol on a loopback port, so the same postgres.js
 * code runs on both. PGlite has one connection: the pool and the socket server both use one.
 */
async function openEmbedded(dataDir: string, template?: Blob): Promise<Database> {
	const { PGlite } = await import('@electric-sql/pglite');
	const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
	const inMemory = dataDir === 'memory://';
	const pgDir = inMemory ? dataDir : path.resolve(dataDir, 'pgdata');
	const created = inMemory || !fs.existsSync(path.join(pgDir, 'PG_VERSION'));
	const releaseLock = inMemory ? () => {} : lockDataDir(path.resolve(dataDir));
	try {
		if (template && !inMemory) throw new Error('Only a throwaway database starts from a template');
		const pglite = await PGlite.create(pgDir, template ? { loadDataDir: template } : {});
		const server = new PGLiteSocketServer({
			db: pglite,
			host: '127.0.0.1',
			port: 0,
			maxConnections: 1
		});
		await server.start();
		const sql = postgres(`postgres://postgres@${server.getServerConn()}/postgres`, {
			...sqlOptions,
			max: 1
		}) as unknown as Sql;
		await sql`select 1`;
		return {
			sql,
			mode: 'embedded',
			origin: 'benchboard embedded',
			created,
			...(inMemory ? { dump: () => pglite.dumpDataDir('none') } : {}),
			async close() {
				await sql.end({ timeout: 5 });
				await server.stop();
				await pglite.close();
				releaseLock();
			}
		};
	} catch (error) {
		releaseLock();
		throw error;
	}
}

/**
 * Embedded data belongs to one process. A lock file holding our pid makes a second process (or a
 * second open in this one) fail with a clear message instead of corrupting the data.
 */
export function lockDataDir(dir: string): () => void {
	fs.mkdirSync(dir, { recursive: true });
	const lockFile = path.join(dir, 'benchboard.lock');
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
			return () => fs.rmSync(lockFile, { force: true });
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const owner = Number(fs.readFileSync(lockFile, 'utf8'));
			if (owner === process.pid || isAlive(owner)) {
				throw new Error(
					`The embedded database in ${dir} is in use by process ${owner}. ` +
						'Stop that Benchboard first, or set DATA_DIR to another folder.'
				);
			}
			// Left behind by a process that died: taken over at once, and said so.
			log.warn(`process ${owner}, which held ${lockFile}, is gone: taking over`);
			fs.rmSync(lockFile, { force: true });
		}
	}
	throw new Error(`Could not lock ${lockFile}`);
}

function isAlive(pid: number): boolean {
	if (!Number.isInteger(pid) || pid <= 0) return false;
	try {
		process.kill(pid, 0);
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
	return !isZombie(pid);
}

/**
 * A process that crashed stays a zombie until its parent (npm, a shell, a supervisor) collects it,
 * which can take seconds; it still answers signal 0, but it holds nothing. Linux says so in /proc.
 */
function isZombie(pid: number): boolean {
	try {
		const state = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
		return state === 'Z' || state === 'X';
	} catch {
		return false; // no /proc (not Linux): trust the signal
	}
}
