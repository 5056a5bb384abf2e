import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { benchboardDevServer } from './server/dev-plugin.ts';

export default defineConfig({
	plugins: [sveltekit(), benchboardDevServer()],
	test: {
		include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
		testTimeout: 30_000,
		hookTimeout: 60_000
	}
});
