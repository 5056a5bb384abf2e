// Bundles server/ (and the src/lib/server code it imports) into build-server/index.js, since
// Node 20 cannot run TypeScript. Packages stay external; SvelteKit's handler is loaded at run time.
import { build } from 'esbuild';

await build({
	entryPoints: ['server/index.ts'],
	outfile: 'build-server/index.js',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	packages: 'external',
	tsconfig: 'tsconfig.json',
	sourcemap: true,
	logLevel: 'warning'
});
