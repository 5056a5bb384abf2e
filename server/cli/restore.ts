// `npm run restore -- FILE [--force]`: restores an archive of `npm run backup` into the database
// the server would use (DATABASE_URL, or the embedded one in DATA_DIR), with its uploaded files and
// signing key. Refuses a database that already has data unless --force (which replaces it). Stop
// the server first when it runs on the embedded database.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig } from '../config';
import { restoreBackup } from '../../src/lib/server/backup/restore';

const { positionals, values } = parseArgs({
	allowPositionals: true,
	options: { force: { type: 'boolean', default: false } }
});
const archive = positionals[0];
if (!archive) {
	console.error('Usage: npm run restore -- FILE [--force]');
	process.exit(2);
}
const config = readConfig();
try {
	const { manifest, applied } = await restoreBackup(path.resolve(archive), {
		url: config.url,
		dataDir: config.dataDir,
		migrationsDir: config.migrationsDir,
		filesDir: path.resolve(config.dataDir, 'files'),
		auditKeyFile: process.env.AUDIT_KEY ? null : path.resolve(config.dataDir, 'audit.key'),
		force: values.force
	});
	const rows = manifest.tables.reduce((sum, table) => sum + table.rows, 0);
	console.log(
		`Restored the backup of ${manifest.createdAt}: ${rows} rows in ${manifest.tables.length} tables, ` +
			`${manifest.files.length} files${applied.length ? `, then applied ${applied.join(', ')}` : ''}.`
	);
	console.log('Check the history with `npm run audit:verify`, then start the server.');
} catch (error) {
	console.error(`The restore failed: ${(error as Error).message}`);
	process.exitCode = 1;
}
