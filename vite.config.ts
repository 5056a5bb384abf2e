import os from 'node:os';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { benchboardDevServer } from './server/dev-plugin.ts';

export default defineConfig({
	plugins: [sveltekit(), benchboardDevServer()],
	test: {
		include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
		testTimeout: 30_000,
		hookTimeout: 60_000,
		// Vitest leaves a core free by default: one worker on a 2-core CI machine, while most
		// integration tests wait on a database. Two keep both cores busy (9 minutes under heavy
		// load with two, against about 9 on a quiet machine with one).
		maxWorkers: Math.max(os.availableParallelism() - 1, 2)
	}
});
