import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build', precompress: true }),
		alias: { $server: 'server' },
		// Open screens (the wall display above all) learn of a new deploy and reload themselves.
		version: { pollInterval: 60_000 },
		// Scripts and style sheets only from the app (SvelteKit's own inline start-up script gets a
		// nonce); style attributes stay allowed for the widths and colours components set. Sockets
		// (socket.io, the notes) are same-origin, which 'self' covers.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self'],
				'style-src-attr': ['unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
