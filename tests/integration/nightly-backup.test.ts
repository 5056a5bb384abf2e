import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tar from 'tar';
import { listBackups, takeNightlyBackup } from '../../src/lib/server/backup/schedule';
import { sha256Of, type BackupManifest } from '../../src/lib/server/backup/write';
import { openDatabase } from '../../src/lib/server/db';
import { migrate, migrationNames } from '../../src/lib/server/migrate';
import { ensureSettings } from '../../src/lib/server/settings';
import { startServices, type StartedServices } from '../../src/lib/server/start';
import { createTestDatabase, migrationsDir, startProcess } from '../helpers/services';

const adminUrl = process.env.TEST_DATABASE_URL;

/** The manifest inside an archive (which must open: a damaged one throws). */
async function readManifest(archive: string): Promise<BackupManifest> {
	const into = fs.mkdtempSync(path.join(os.tmpdir(), 'benchboard-manifest-'));
	await tar.extract({ file: archive, cwd: into, filter: (name) => name === 'manifest.json' });
	return JSON.parse(fs.readFileSync(path.join(into, 'manifest.json'), 'utf8')) as BackupManifest;
}

/**
 * Three processes serving one database from one machine, with one BACKUP_DIR: their hourly looks
 * for the nightly backup come at the same moments when they were started together.
 */
describe.skipIf(!adminUrl)('the nightly backup with several processes on PostgreSQL', () => {
	let database: Awaited<ReturnType<typeof createTestDatabase>>;
	let processes: StartedServices[];
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'benchboard-nightly-'));

	beforeAll(async () => {
		database = await createTestDatabase(adminUrl!);
		const start = () => startProcess(database);
		processes = [await start(), await start(), await start()];
	});
	afterAll(async () => {
		for (const one of processes ?? []) await one.stop();
		await database?.drop();
	});

	const place = (services: StartedServices) => ({
		db: services.db,
		files: services.files,
		auditKeyFile: null,
		dir,
		keep: 14,
		app: 'test'
	});

	it('is taken by one process, once, however many look at the same moment', async () => {
		const taken = await Promise.all(processes.map((one) => takeNightlyBackup(place(one))));
		expect(taken.filter(Boolean)).toHaveLength(1);
		expect(listBackups(dir)).toHaveLength(1);
		// An hour later nobody takes another: the night's is there.
		const later = Date.now() + 3_600_000;
		expect(await takeNightlyBackup(place(processes[1]), later)).toBeNull();
	});

	it('is taken the next night by one of them again: the turn is kept in the database', async () => {
		fs.rmSync(dir, { recursive: true, force: true });
		// The turn is the database's: a process whose folder is empty still waits for the next night.
		expect(await takeNightlyBackup(place(processes[2]))).toBeNull();
		await processes[0].db.sql`
			update rate_limits set reset_at = now() - interval '1 second' where key like 'nightly-backup:%'`;
		const taken = await Promise.all(processes.map((one) => takeNightlyBackup(place(one))));
		expect(taken.filter(Boolean)).toHaveLength(1);
	});
});

/**
 * An upgrade: three processes restarted at once on a database that lacks the newest migration.
 * Each would take a backup before applying it; none may write over another's archive.
 */
describe.skipIf(!adminUrl)(
	'the backup before an upgrade with several processes on PostgreSQL',
	() => {
		let database: Awaited<ReturnType<typeof createTestDatabase>>;
		let processes: StartedServices[] = [];
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'benchboard-upgrade-'));

		beforeAll(async () => {
			database = await createTestDatabase(adminUrl!);
			// The version before: every migration but the newest.
			const before = fs.mkdtempSync(path.join(os.tmpdir(), 'benchboard-migrations-'));
			for (const name of migrationNames(migrationsDir).slice(0, -1))
				fs.copyFileSync(path.join(migrationsDir, name), path.join(before, name));
			// Its schema and settings only: this version's code would read the newest schema.
			const old = await openDatabase({ url: database.url });
			try {
				await migrate(old.sql, before);
				await ensureSettings(old.sql);
			} finally {
				await old.close();
			}
		});
		afterAll(async () => {
			for (const one of processes) await one.stop();
			await database?.drop();
		});

		it('all start, and every archive in the folder is whole', async () => {
			const start = () =>
				startServices({
					url: database.url,
					migrationsDir,
					seed: 'none',
					filesDir: fs.mkdtempSync(path.join(os.tmpdir(), 'benchboard-files-')),
					backups: { dir, keep: 14 }
				});
			const started = await Promise.allSettled([start(), start(), start()]);
			processes = started.flatMap((one) => (one.status === 'fulfilled' ? [one.value] : []));
			expect(started.map((one) => one.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
			const archives = listBackups(dir);
			expect(archives.length).toBeGreaterThanOrEqual(1);
			for (const name of archives) {
				const [sum] = fs.readFileSync(path.join(dir, `${name}.sha256`), 'utf8').split(' ');
				expect(await sha256Of(path.join(dir, name))).toBe(sum);
				const { migrations } = await readManifest(path.join(dir, name));
				expect(migrations.map((one) => one.name)).toEqual(
					migrationNames(migrationsDir).slice(0, -1)
				);
			}
			expect(fs.readdirSync(dir).filter((name) => !/\.tar\.gz(\.sha256)?$/.test(name))).toEqual([]);
		});
	}
);
