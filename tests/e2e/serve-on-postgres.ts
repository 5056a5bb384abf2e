// The `postgres` project's shared server (playwright.config.ts): the demo shop on a throwaway
// PostgreSQL database of its own, served by the built server like the embedded project's; the
// database is dropped when the server stops.
import { spawn } from 'node:child_process';
import { demoShopOnPostgres } from './postgres-shop';

const adminUrl = process.env.TEST_DATABASE_URL;
if (!adminUrl) throw new Error('TEST_DATABASE_URL must name a PostgreSQL server');
const database = await demoShopOnPostgres(
	adminUrl,
	`e2e_shared_${process.env.PORT}`,
	process.env.DATA_DIR ?? 'test-results/e2e-postgres-data'
);
const server = spawn(process.execPath, ['build-server/index.js'], {
	env: { ...process.env, DATABASE_URL: database.url },
	stdio: 'inherit'
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
server.on('exit', async (code) => {
	await database.drop().catch(() => {});
	process.exit(code ?? 1);
});
