import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		alias: { $server: 'server' },
		// Open screens (the wall display above all) learn of a new deploy and reload themselves.
		version: { pollInterval: 60_000 }
	}
};

export default config;
