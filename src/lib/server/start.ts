import { randomBytes } from 'node:crypto';
import { auditKeyFrom, loadAuditKey, type AuditKey } from './audit-key';
import { SetupGate } from './auth/setup-code';
import { EventBus } from './bus';
import { relayBus } from './bus-relay';
import { SessionCache } from './auth/session-cache';
import { eventsAfter, logAfter, type Actor } from './events';
import { openDatabase, type Database, type DatabaseOptions } from './db';
import { Metrics } from './metrics';
import { migrate, pendingMigrations } from './migrate';
import { takeBackup } from './backup/schedule';
import { build } from './health';
import { seedDemoData, seedDemoStaff } from './seed';
import type { Services } from './services';
import { ensureSettings } from './settings';
import { FileStore } from './files';
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
			// An upgrade of a database with data: first a copy to go back to (docs/operations.md).
			const pending = await pendingMigrations(db.sql, options.migrationsDir);
			if (pending.length) {
				const { file } = await takeBackup(
					{ db, files, auditKeyFile: keyFileOf(auditKey), app: build.version, ...options.backups },
					'before-upgrade'
				);
				log(`backed up the database to ${file} before applying ${pending.join(', ')}`);
			}
		}
		const { applied, shopActor } = await prepareSchema(db, options.migrationsDir);
		if (applied.length) log(`applied migrations: ${applied.join(', ')}`);
		const statistics = keepStatistics(db);
		const bus = new EventBus({
			lastSeq: (await eventsAfter(db.sql, Number.MAX_SAFE_INTEGER, 1)).lastSeq,
			after: (seq) => logAfter(db.sql, seq, 500)
		});
		const stopRelay = await relayBus(db, bus);
		const sessions = new SessionCache();
		bus.onSessionsEnded((ids) => sessions.forget(ids));
		const services: StartedServices = {
			db,
			bus,
			sessions,
			files,
			shopActor,
			publicUrl: (options.publicUrl ?? 'http://localhost:3000').replace(/\/+$/, ''),
			channels: channelsFrom(options.channels ?? {}),
			auditKey,
			setup: new SetupGate(),
			demoExit: null,
			// Until the sockets are attached (server/realtime.ts), no screen is connected.
			connectedScreens: () => ({ board: 0, display: 0 }),
			// Asked at each scrape, so it sees the sockets once they are attached.
			metrics: new Metrics(db, () => services.connectedScreens()),
			stop: async () => {
				clearInterval(statistics);
				bus.close();
				await stopRelay();
				await db.close();
			}
		};
		bus.subscribe((event) => services.metrics.events.inc({ type: event.type }));
		if (db.created && options.seed !== 'none') {
			const count = await seedDemoData(services, services.shopActor);
			await seedDemoStaff(services, services.shopActor);
			log(`loaded demo data: ${count} orders and demo staff (see README)`);
		}
		return services;
	} catch (error) {
		await db.close();
		throw error;
	}
}

/** Brings the schema up to date and finds the shop's built-in actor (migration 0002 makes it). */
export async function prepareSchema(db: Database, migrationsDir: string) {
	const applied = await migrate(db.sql, migrationsDir);
	await ensureSettings(db.sql);
	const [shop] = await db.sql<{ id: number; displayName: string }[]>`
		select id, display_name from users where username = 'shop'`;
	const shopActor: Actor = { id: shop.id, name: shop.displayName, role: 'system' };
	return { applied, shopActor };
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
