// `npm run backup [-- DIR]`: writes one consistent archive of the database and the uploaded files
// (a .tar.gz and its .sha256) into DIR, by default BACKUP_DIR (DATA_DIR/backups), while the server
// keeps running. The embedded database belongs to the running server, so it is asked to do it;
// a stopped server's data folder, or a PostgreSQL server, is read directly.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig } from '../config';
import { backupTokenFile } from '../backup-endpoint';
import { takeBackup } from '../../src/lib/server/backup/schedule';
import { openDatabase, type Database } from '../../src/lib/server/db';
import { FileStore } from '../../src/lib/server/files';
import { build } from '../../src/lib/server/health';

const { positionals } = parseArgs({ allowPositionals: true, options: {} });
const config = readConfig();
const dir = path.resolve(positionals[0] ?? config.backups.dir);
const keyFile = path.resolve(config.dataDir, 'audit.key');

/** The running server writes it: the only process that may read the embedded database. */
async function throughServer() {
	const { url, token } = JSON.parse(fs.readFileSync(backupTokenFile(config.dataDir), 'utf8')) as {
		url: string;
		token: string;
	};
	const response = await fetch(url, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
		body: JSON.stringify({ dir })
	});
	const body = (await response.json()) as { file?: string; error?: { message: string } };
	if (!response.ok || !body.file)
		throw new Error(
			`The running server did not take the backup: ${body.error?.message ?? response.status}`
		);
	return body.file;
}

let db: Database | null = null;
try {
	db = await openDatabase(config);
} catch (error) {
	if (!/is in use by process/.test((error as Error).message)) throw error;
}
try {
	if (db) {
		const { file } = await takeBackup({
			db,
			files: new FileStore(path.resolve(config.dataDir, 'files')),
			auditKeyFile: !process.env.AUDIT_KEY && fs.existsSync(keyFile) ? keyFile : null,
			app: build.version,
			dir,
			keep: config.backups.keep
		});
		console.log(`Backed up to ${file}`);
	} else {
		console.log(`Backed up (by the running server) to ${await throughServer()}`);
	}
} catch (error) {
	console.error(`The backup failed: ${(error as Error).message}`);
	process.exitCode = 1;
} finally {
	await db?.close();
}
