import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './scripts/chromium';

const PORT = Number(process.env.E2E_PORT ?? 3107);

export default defineConfig({
	testDir: 'tests/e2e',
	// One server and one board shared by every test: run them one at a time so they don't see each
	// other's moves.
	workers: 1,
	fullyParallel: false,
	retries: 0,
	timeout: 30_000,
	reporter: process.env.CI ? [['list']] : [['list']],
	globalSetup: './tests/e2e/global-setup.ts',
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		storageState: 'test-results/owner.json',
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: chromiumPath(),
			args: CHROMIUM_ARGS
		}
	},
	webServer: {
		// Our own server (not `vite preview`), so socket.io is there, on a fresh embedded database.
		command: `rm -rf test-results/e2e-data && node build-server/index.js`,
		url: `http://127.0.0.1:${PORT}/api/v1/health`,
		env: {
			PORT: String(PORT),
			HOST: '127.0.0.1',
			DATA_DIR: 'test-results/e2e-data',
			SEED: 'demo',
			// Its request lines would bury the test report; warnings and errors still show.
			LOG_LEVEL: 'warn',
			METRICS_TOKEN: 'e2e-metrics-token'
		},
		reuseExistingServer: false,
		timeout: 60_000,
		stdout: 'pipe'
	}
});
