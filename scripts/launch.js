// `npm start`, `npm run user`, ...: runs one of build-server/'s programs (index: the server; the
// command-line tools from server/cli), building first only when the build is missing or older
// than the sources and the lockfile. Plain JavaScript with no dependency, so it also runs after
// `npm ci --omit=dev`, where a prebuilt build is served as it is.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const at = (...parts) => path.join(root, ...parts);
const STAMP = at('build-server', '.stamp');
/** What the build is made from: a change to any of them makes it stale. */
const SOURCES = ['src', 'server', 'static', 'svelte.config.js', 'vite.config.ts', 'tsconfig.json'];
const LOCKS = ['package.json', 'package-lock.json', 'scripts/build-server.js'];

/** The newest modification time of a file, or of the files in a folder (0 when none exist). */
function newest(file) {
	let stat;
	try {
		stat = fs.statSync(file);
	} catch {
		return 0;
	}
	if (!stat.isDirectory()) return stat.mtimeMs;
	// Files only: a folder's own time changes when anything is copied into it.
	let latest = 0;
	for (const entry of fs.readdirSync(file))
		latest = Math.max(latest, newest(path.join(file, entry)));
	return latest;
}

function staleness() {
	const built = newest(STAMP);
	if (!built || !fs.existsSync(at('build', 'handler.js'))) return 'there is no build yet';
	const changed = [...SOURCES, ...LOCKS].find((name) => newest(at(name)) > built);
	return changed ? `${changed} changed since the last build` : null;
}

const kB = (bytes) => `${Math.round(bytes / 1024).toLocaleString('en')} kB`;
function sizeOf(dir, filter = () => true) {
	let total = 0;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true }))
		if (entry.isFile() && filter(entry.name))
			total += fs.statSync(path.join(entry.parentPath, entry.name)).size;
	return total;
}

function build(reason) {
	if (!fs.existsSync(at('node_modules', 'vite'))) {
		if (reason === 'there is no build yet') {
			console.error(
				'[benchboard] there is no build, and the build tools are not installed (npm ci --omit=dev).\n' +
					'Build first with the development dependencies (npm ci && npm run build), or copy build/ and build-server/ from a machine that did.'
			);
			process.exit(1);
		}
		console.warn(
			`[benchboard] ${reason}, but the build tools are not installed: using the existing build`
		);
		return;
	}
	console.log(`[benchboard] building (${reason}) ...`);
	const started = Date.now();
	const steps = [
		['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'],
		['scripts/build-server.js']
	];
	for (const step of steps) {
		// Vite's chunk table and notices are for `npm run build`; here only a failure shows them.
		const result = spawnSync(process.execPath, step, { cwd: root, encoding: 'utf8' });
		if (result.status !== 0) {
			process.stdout.write(result.stdout ?? '');
			process.stderr.write(result.stderr ?? '');
			console.error('[benchboard] the build failed (its output is above); nothing was started');
			process.exit(result.status ?? 1);
		}
	}
	const scripts = sizeOf(at('build', 'client'), (name) => name.endsWith('.js'));
	const styles = sizeOf(at('build', 'client'), (name) => name.endsWith('.css'));
	console.log(
		`[benchboard] built in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
			`browser scripts ${kB(scripts)}, styles ${kB(styles)} (before compression), ` +
			`server ${kB(sizeOf(at('build', 'server')) + sizeOf(at('build-server'), (n) => n.endsWith('.js')))}`
	);
}

const [program, ...args] = process.argv.slice(2);
const entry = at('build-server', `${program}.js`);
const reason = staleness();
if (reason) build(reason);
if (!fs.existsSync(entry)) {
	console.error(
		`[benchboard] build-server/${program}.js does not exist: is "${program}" a Benchboard command?`
	);
	process.exit(1);
}
// The program reads its own arguments as if it had been started directly.
process.argv = [process.argv[0], entry, ...args];
await import(entry);
