// Bundles the server entry (server/index.ts) and the command-line tools (server/cli/*.ts), with the
// src/lib/server code they import, into build-server/, since Node 20 cannot run TypeScript. They
// then run with production dependencies only (`npm ci --omit=dev`). Packages stay external;
// SvelteKit's handler is loaded at run time. Last, it stamps the build for scripts/launch.js.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const tools = fs
	.readdirSync('server/cli')
	.filter((name) => name.endsWith('.ts'))
	.map((name) => [path.basename(name, '.ts'), `server/cli/${name}`]);

await build({
	// Flat: every output sits in build-server/, one level below migrations/ and build/, as its
	// source's config.ts expects.
	entryPoints: Object.fromEntries([['index', 'server/index.ts'], ...tools]),
	outdir: 'build-server',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	packages: 'external',
	tsconfig: 'tsconfig.json',
	sourcemap: true,
	logLevel: 'warning'
});
fs.writeFileSync('build-server/.stamp', `${new Date().toISOString()}\n`);
