import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../db';
import type { FileStore } from '../files';
import { SharedRateLimiter } from '../rate-limit';
import { writeBackup } from './write';

/** What a backup of this running app needs to know. */
export interface BackupPlace {
	db: Database;
	files: FileStore;
	/** The signing key's file, or null when AUDIT_KEY holds it. */
	auditKeyFile: string | null;
	/** Where archives go (BACKUP_DIR) and how many to keep (BACKUP_KEEP). */
	dir: string;
	keep: number;
	app: string;
}

const NAME = /^benchboard-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z(-[a-z-]+)?\.tar\.gz$/;

/** "benchboard-2026-12-06T03-00-00Z.tar.gz": sorts by time, and says why when not nightly. */
export function backupName(now: Date, reason?: string): string {
	const stamp = now.toISOString().slice(0, 19).replaceAll(':', '-');
	return `benchboard-${stamp}Z${reason ? `-${reason}` : ''}.tar.gz`;
}

/** The archives in the folder, oldest first. */
export function listBackups(dir: string): string[] {
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((name) => NAME.test(name))
		.sort();
}

/** Takes one backup into the folder, then keeps only the newest `keep` (with their checksums). */
export async function takeBackup(place: BackupPlace, reason?: string) {
	const result = await writeBackup(
		{
			sql: place.db.sql,
			database: place.db.mode,
			filesDir: place.files.dir,
			auditKeyFile: place.auditKeyFile,
			app: place.app
		},
		path.join(place.dir, backupName(new Date(), reason))
	);
	const all = listBackups(place.dir);
	for (const old of all.slice(0, Math.max(0, all.length - place.keep))) {
		fs.rmSync(path.join(place.dir, old), { force: true });
		fs.rmSync(path.join(place.dir, `${old}.sha256`), { force: true });
	}
	return result;
}

/** Whether the newest backup in the folder is older than `hours` (or there is none). */
export function backupDue(dir: string, hours: number, now = Date.now()): boolean {
	const newest = listBackups(dir).at(-1);
	if (!newest) return true;
	return now - fs.statSync(path.join(dir, newest)).mtimeMs > hours * 3_600_000;
}

/**
 * Several processes serving one database each look hourly; one of them takes the night's backup.
 * The turn is claimed in the database (rate_limits) for a little less than the 23 hours between
 * backups, so that on one shared BACKUP_DIR they neither write at once nor keep a third of the days.
 */
const nightlyTurn = new SharedRateLimiter('nightly-backup', 1, 22 * 3_600_000);

/** The night's backup if one is due and no other process took it; null otherwise. */
export async function takeNightlyBackup(place: BackupPlace, now = Date.now()) {
	if (!backupDue(place.dir, 23, now)) return null;
	if (!(await nightlyTurn.take(place.db.sql, 'database'))) return null;
	try {
		return await takeBackup(place);
	} catch (error) {
		// Failed: the next look, here or in another process, tries again.
		await nightlyTurn.forget(place.db.sql, 'database');
		throw error;
	}
}
