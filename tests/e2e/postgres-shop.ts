import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createThrowawayDatabase } from '../../scripts/throwaway-database';

/**
 * A demo shop on a throwaway PostgreSQL database of its own (never TEST_DATABASE_URL's database,
 * which other runs may use), loaded with `npm run seed`'s built tool as a shop would: a server
 * database is never given demo data at start. Its files and audit key go to `dataDir`, which every
 * process serving the shop shares. The name starts with `benchboard_t_`, which CI drops after a
 * crashed run.
 */
export async function demoShopOnPostgres(adminUrl: string, name: string, dataDir: string) {
	const database = await createThrowawayDatabase(adminUrl, `benchboard_t_${name}`);
	fs.rmSync(dataDir, { recursive: true, force: true });
	execFileSync(process.execPath, ['build-server/seed.js'], {
		env: { ...process.env, DATABASE_URL: database.url, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
		stdio: 'pipe'
	});
	return database;
}
