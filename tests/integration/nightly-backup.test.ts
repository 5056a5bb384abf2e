import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listBackups, takeNightlyBackup } from '../../src/lib/server/backup/schedule';
import { startServices, type StartedServices } from '../../src/lib/server/start';
import { createTestDatabase, migrationsDir } from '../helpers/services';

const adminUrl = process.env.TEST_DATABASE_URL;

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
		const start = () =>
			startServices({
				url: database.url,
				migrationsDir,
				seed: 'none',
				filesDir: fs.mkdtempSync(path.join(os.tmpdir(), 'benchboard-files-'))
			});
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
