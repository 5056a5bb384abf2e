import { defineConfig, type PlaywrightTestConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './scripts/chromium';

const PORT = Number(process.env.E2E_PORT ?? 3107);
// The shared server on PostgreSQL, when TEST_DATABASE_URL names a server (CI always does).
const POSTGRES_PORT = PORT + 60;
const postgres = !!process.env.TEST_DATABASE_URL;

const sharedServer = {
	url: `http://127.0.0.1:${PORT}/api/v1/health`,
	reuseExistingServer: false,
	timeout: 60_000,
	stdout: 'pipe'
} as const;
const serverEnv = {
	HOST: '127.0.0.1',
	SEED: 'demo',
	// Its request lines would bury the test report; warnings and errors still show.
	LOG_LEVEL: 'warn',
	METRICS_TOKEN: 'e2e-metrics-token'
};

const projects: PlaywrightTestConfig['projects'] = [
	{
		name: 'embedded',
		// Several processes need a PostgreSQL server.
		testIgnore: /processes\.spec\.ts$/,
		use: { baseURL: `http://127.0.0.1:${PORT}`, storageState: 'test-results/owner-embedded.json' }
	}
];
const webServer: PlaywrightTestConfig['webServer'] = [
	{
		...sharedServer,
		// Our own server (not `vite preview`), so socket.io is there, on a fresh embedded database.
		command: `rm -rf test-results/e2e-data && node build-server/index.js`,
		env: { ...serverEnv, PORT: String(PORT), DATA_DIR: 'test-results/e2e-data' }
	}
];
if (postgres) {
	projects.push({
		name: 'postgres',
		// The live board, intake, the wall display and live notes again, on a server database, where
		// their events and notes travel through PostgreSQL (about a minute and a half more; the rest of
		// the suite runs on the embedded database only, to keep CI short). And the spec of several
		// processes, which only a server database allows.
		testMatch: /\/(board|intake|display|notes|processes|first-run-processes)\.spec\.ts$/,
		// Their restarts and crowded columns run on embedded servers of their own, which the
		// embedded project has run already.
		grepInvert: /a server restart|on a server of its own/,
		use: {
			baseURL: `http://127.0.0.1:${POSTGRES_PORT}`,
			storageState: 'test-results/owner-postgres.json'
		}
	});
	webServer.push({
		...sharedServer,
		url: `http://127.0.0.1:${POSTGRES_PORT}/api/v1/health`,
		command: `node --import tsx tests/e2e/serve-on-postgres.ts`,
		env: { ...serverEnv, PORT: String(POSTGRES_PORT), DATA_DIR: 'test-results/e2e-postgres-data' },
		gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 }
	});
}

export default defineConfig({
	testDir: 'tests/e2e',
	// One server and one board per project, shared by its tests: run them one at a time so they
	// don't see each other's moves.
	workers: 1,
	fullyParallel: false,
	retries: 0,
	timeout: 30_000,
	reporter: [['list']],
	globalSetup: './tests/e2e/global-setup.ts',
	use: {
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: chromiumPath(),
			args: CHROMIUM_ARGS
		}
	},
	projects,
	webServer
});
