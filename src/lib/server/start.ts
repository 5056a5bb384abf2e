import { randomBytes } from 'node:crypto';
import { auditKeyFrom, loadAuditKey, type AuditKey } from './audit-key';
import { SetupGate } from './auth/setup-code';
import { EventBus } from './bus';
import { relayBus } from './bus-relay';
import { CredentialCache, SessionCache } from './auth/session-cache';
import type { TokenHolder } from './auth/bearer';
import { eventsAfter, logAfter, type Actor } from './events';
import { openDatabase, type Database, type DatabaseOptions } from './db';
import { Metrics } from './metrics';
import { migrate, pendingMigrations } from './migrate';
import { takeBackup, type BackupPlace } from './backup/schedule';
import { transaction } from './transaction';
import { build } from './health';
import { seedDemoData, seedDemoStaff } from './seed';
import type { Services } from './services';
import { ensureSettings } from './settings';
import { FileStore } from './files';
import { forgetOldKeys } from './idempotency';
import { channelsFrom, type ChannelConfig } from './updates/channels';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { log } from './log';

export interface StartOptions extends DatabaseOptions {
	migrationsDir: string;
	/** 'demo' loads demo data into a new embedded database; 'none' never does. */
	seed?: 'demo' | 'none';
	log?: (message: string) => void;
	/** Where uploads go; by default `files/` in the data folder (a temporary folder for memory://). */
	filesDir?: string;
	/** The app's address as customers reach it, for the links in their messages. */
	publicUrl?: string;
	/** SMTP and SMS gateway for customer messages. */
	channels?: ChannelConfig;
	/** The key that signs the log's checkpoints; by default AUDIT_KEY or `audit.key` in the data folder. */
	auditKey?: AuditKey;
	/** Where backups go (BACKUP_DIR) and how many are kept: one is taken before new migrations. */
	backups?: { dir: string; keep: number };
}

function filesDirFor(options: StartOptions): string {
	if (options.filesDir) return options.filesDir;
	const dataDir = options.dataDir ?? './data';
	if (dataDir === 'memory://') return fs.mkdtempSync(path.join(os.tmpdir(), 'benchboard-files-'));
	return path.resolve(dataDir, 'files');
}

/** A throwaway database gets a throwaway key; a real one the shop's (see audit-key.ts). */
function auditKeyFor(options: StartOptions): AuditKey {
	const dataDir = options.dataDir ?? './data';
	if (dataDir === 'memory://') return auditKeyFrom(randomBytes(32), 'this process only');
	return loadAuditKey(dataDir);
}

/** The signing key's file, for backups to carry it; null when it came from AUDIT_KEY. */
export const keyFileOf = (key: AuditKey) => (fs.existsSync(key.source) ? key.source : null);

export interface StartedServices extends Services {
	stop(): Promise<void>;
}

/** Opens the database, brings its schema up to date and, on a new embedded database, loads demo data. */
export async function startServices(options: StartOptions): Promise<StartedServices> {
	const log = options.log ?? (() => {});
	const db = await openDatabase(options);
	try {
		const files = new FileStore(filesDirFor(options));
		const auditKey = options.auditKey ?? auditKeyFor(options);
		if (options.backups) {
			const place = { db, files, auditKeyFile: keyFileOf(auditKey), app: build.version };
			await backUpBeforeUpgrade({ ...place, ...options.backups }, options.migrationsDir, log);
		}
		const { applied, shopActor } = await prepareSchema(db, options.migrationsDir);
		if (applied.length) log(`applied migrations: ${applied.join(', ')}`);
		const statistics = keepStatistics(db);
		const oldKeys = forgetOldKeysDaily(db);
		const bus = new EventBus({
			lastSeq: (await eventsAfter(db.sql, Number.MAX_SAFE_INTEGER, 1)).lastSeq,
			after: (seq) => logAfter(db.sql, seq, 500)
		});
		const stopRelay = await relayBus(db, bus);
		const sessions = new SessionCache();
		// A revoked token travels with the ended sessions, by its secret's hash.
		const apiTokens = new CredentialCache<TokenHolder>();
		bus.onSessionsEnded((ids) => {
			sessions.forget(ids);
			apiTokens.forget(ids);
		});
		const services: StartedServices = {
			db,
			bus,
			sessions,
			apiTokens,
			files,
			shopActor,
			publicUrl: (options.publicUrl ?? 'http://localhost:3000').replace(/\/+$/, ''),
			channels: channelsFrom(options.channels ?? {}),
			auditKey,
			setup: new SetupGate(db.sql),
			demoExit: null,
			// Until the sockets are attached (server/realtime.ts), no screen is connected.
			connectedScreens: () => ({ board: 0, display: 0 }),
			// Asked at each scrape, so it sees the sockets once they are attached.
			metrics: new Metrics(db, () => services.connectedScreens()),
			stop: async () => {
				clearInterval(statistics);
				clearInterval(oldKeys);
				bus.close();
				await stopRelay();
				await db.close();
			}
		};
		bus.subscribe((event) => services.metrics.events.inc({ type: event.type }));
		beginAgainOnRestart(services);
		if (db.created && options.seed !== 'none') {
			// Staff first: the demo's year of history names them as the people who did the work.
			await seedDemoStaff(services, services.shopActor);
			const count = await seedDemoData(services, services.shopActor);
			log(`loaded demo data: ${count} orders and demo staff (see README)`);
		}
		return services;
	} catch (error) {
		await db.close();
		throw error;
	}
}

/** Any constant: the turn of one process at the backup before an upgrade. */
const UPGRADE_BACKUP_LOCK = 4_210_003;

/**
 * An upgrade of a database with data: first a copy to go back to (docs/operations.md). Processes
 * restarted at once on a PostgreSQL server take turns, so no two write one archive (they would
 * name it after the same second); the lock's transaction only waits, while the backup reads
 * through connections of its own. The embedded database has one process and one connection.
 */
async function backUpBeforeUpgrade(
	place: BackupPlace,
	migrationsDir: string,
	log: (message: string) => void
): Promise<void> {
	const backUp = async () => {
		const pending = await pendingMigrations(place.db.sql, migrationsDir);
		if (pending.length === 0) return; // none, or applied by a process that went first
		const { file } = await takeBackup(place, 'before-upgrade');
		log(`backed up the database to ${file} before applying ${pending.join(', ')}`);
	};
	if (place.db.mode !== 'server') return backUp();
	await transaction(place.db.sql, async (tx) => {
		await tx`select pg_advisory_xact_lock(${UPGRADE_BACKUP_LOCK})`;
		await backUp();
	});
}

/** Brings the schema up to date and finds the shop's built-in actor (migration 0002 makes it). */
export async function prepareSchema(db: Database, migrationsDir: string) {
	const applied = await migrate(db.sql, migrationsDir);
	await ensureSettings(db.sql);
	return { applied, shopActor: await readShopActor(db) };
}

/**
 * The database began again (leaving the demo, through this process or another): nothing of the old
 * one is kept, and the first run's setup is open once more.
 */
function beginAgainOnRestart(services: Services): void {
	services.bus.onRestarted(() => {
		services.sessions.clear();
		services.apiTokens.clear();
		services.setup.reopen();
		readShopActor(services.db).then(
			(actor) => (services.shopActor = actor),
			(error) => log.error({ err: error }, 'could not read the shop after the database began again')
		);
	});
}

async function readShopActor(db: Database): Promise<Actor> {
	const [shop] = await db.sql<{ id: number; displayName: string }[]>`
		select id, display_name from users where username = 'shop'`;
	return { id: shop.id, name: shop.displayName, role: 'system' };
}

/** Idempotency keys older than a week are let go, at start and then daily. */
function forgetOldKeysDaily(db: Database): ReturnType<typeof setInterval> {
	const forget = () =>
		forgetOldKeys(db.sql).catch((error) =>
			log.error({ err: error }, 'could not forget old idempotency keys')
		);
	void forget();
	const timer = setInterval(forget, 24 * 60 * 60 * 1000);
	timer.unref();
	return timer;
}

/**
 * PGlite runs no autovacuum, so nothing would ever gather the planner's statistics: without them
 * it ignores the search indexes on a large history. Analyse at start and then hourly; a PostgreSQL
 * server does this by itself.
 */
function keepStatistics(db: Database): ReturnType<typeof setInterval> | undefined {
	if (db.mode !== 'embedded') return undefined;
	const analyze = () =>
		db.sql`analyze`.catch((error) => log.error({ err: error }, 'could not analyse the database'));
	void analyze();
	const timer = setInterval(analyze, 60 * 60 * 1000);
	timer.unref();
	return timer;
}
