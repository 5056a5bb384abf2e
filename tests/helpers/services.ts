import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createThrowawayDatabase } from '../../scripts/throwaway-database';
import { auditKeyFrom } from '../../src/lib/server/audit-key';
import { createAccount } from '../../src/lib/server/auth/accounts';
import { createSession } from '../../src/lib/server/auth/sessions';
import type { Actor } from '../../src/lib/server/events';
import { startServices, type StartedServices, type StartOptions } from '../../src/lib/server/start';

export const migrationsDir = fileURLToPath(new URL('../../migrations', import.meta.url));

export interface Backend {
	name: 'pglite' | 'postgres';
	/** A fresh, empty, migrated database of its own, with services on top. */
	start(options?: Partial<StartOptions>): Promise<StartedServices>;
}

/**
 * A migrated, empty embedded database as a tarball, made once per set of migrations and kept in the
 * temp folder: each test's database starts as a copy of it, skipping initdb and every migration
 * (seconds each). Workers that make it at once each write their own file and rename it into place.
 */
async function pgliteTemplate(): Promise<Blob> {
	const hash = createHash('sha256');
	for (const name of fs.readdirSync(migrationsDir).sort())
		hash.update(name).update(fs.readFileSync(path.join(migrationsDir, name)));
	const file = path.join(os.tmpdir(), `benchboard-template-${hash.digest('hex').slice(0, 16)}.tar`);
	if (!fs.existsSync(file)) {
		const services = await startServices({ dataDir: 'memory://', migrationsDir, seed: 'none' });
		const dump = await services.db.dump!();
		await services.stop();
		const partial = `${file}.${process.pid}`;
		fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
		fs.renameSync(partial, file);
	}
	return new Blob([fs.readFileSync(file)]);
}

const pglite: Backend = {
	name: 'pglite',
	start: async (options = {}) =>
		startServices({
			dataDir: 'memory://',
			// A test of other migrations (or of a folder of data) starts from nothing, as it asks.
			...(options.migrationsDir || options.dataDir ? {} : { template: await pgliteTemplate() }),
			migrationsDir,
			seed: 'none',
			...options
		})
};

/** A throwaway database on the server named by TEST_DATABASE_URL, one per test file; dropped on stop. */
export const createTestDatabase = (adminUrl: string) =>
	createThrowawayDatabase(
		adminUrl,
		`benchboard_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`
	);

const server = (adminUrl: string): Backend => ({
	name: 'postgres',
	async start(options = {}) {
		const database = await createTestDatabase(adminUrl);
		const services = await startServices({
			url: database.url,
			migrationsDir,
			seed: 'none',
			filesDir: fs.mkdtempSync(path.join(os.tmpdir(), 'benchboard-files-')),
			auditKey: auditKeyFrom(randomBytes(32), 'this test'),
			...options
		});
		const stop = services.stop;
		services.stop = async () => {
			await stop();
			await database.drop();
		};
		return services;
	}
});

/** Every integration test runs on embedded PGlite, and on PostgreSQL when TEST_DATABASE_URL is set. */
export const backends: Backend[] = [
	pglite,
	...(process.env.TEST_DATABASE_URL ? [server(process.env.TEST_DATABASE_URL)] : [])
];

/**
 * One app process's services on a test database, as a second (or third) process behind a load
 * balancer would start: its own pool, bus, LISTEN connection and files folder, no demo data.
 */
export const startProcess = (database: { url: string }, extra: Partial<StartOptions> = {}) =>
	startServices({
		url: database.url,
		migrationsDir,
		seed: 'none',
		filesDir: fs.mkdtempSync(path.join(os.tmpdir(), 'benchboard-files-')),
		...extra
	});

/** The shop's owner, Avery Stone, as the first run's setup makes them, and the value of a session cookie of theirs. */
export async function firstOwner(
	services: StartedServices
): Promise<{ owner: Actor; session: string }> {
	const account = await createAccount(services, null, {
		name: 'Avery Stone',
		username: 'avery',
		role: 'owner',
		password: 'copper kettle sings at dawn'
	});
	const { token } = await createSession(services.db.sql, { userId: account.id });
	return { owner: { id: account.id, name: account.displayName, role: 'owner' }, session: token };
}
