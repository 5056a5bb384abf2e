import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createThrowawayDatabase } from '../scripts/throwaway-database';

export interface BenchServer {
	url: string;
	pid: number;
	/** The inspector's port, when the process was started with one. */
	inspectPort?: number;
	/** The end of what the server wrote to stderr: shown when a request fails. */
	errors(): string;
	/** Lines the server logged as errors so far (a driver's error among them). */
	errorLines(): number;
	stop(): Promise<void>;
	/** SIGKILL: the process dies mid-work, as on a crash or an out-of-memory kill. */
	kill(): Promise<void>;
}

/** Starts the built app (`build-server/index.js`) on a port of its own and waits until it answers. */
export async function startAppServer(
	env: Record<string, string>,
	port: number,
	options: {
		/** As `npm start` does: through scripts/launch.js, which first checks whether the build is stale. */
		launched?: boolean;
		/** Opens Node's inspector on this port (127.0.0.1 only), for `heapAfterGc` (heap.ts). */
		inspectPort?: number;
	} = {}
): Promise<BenchServer> {
	// BENCH_SERVER_NODE_OPTIONS (e.g. --cpu-prof) profiles the server process alone.
	const nodeOptions = process.env.BENCH_SERVER_NODE_OPTIONS?.split(' ').filter(Boolean) ?? [];
	if (options.inspectPort) nodeOptions.push(`--inspect=127.0.0.1:${options.inspectPort}`);
	return startProcess(
		process.execPath,
		[
			...nodeOptions,
			...(options.launched ? ['scripts/launch.js', 'index'] : ['build-server/index.js'])
		],
		{ ...env, PORT: String(port), HOST: '127.0.0.1', SEED: 'none' },
		port,
		'/api/v1/health'
	).then((server) => ({ ...server, inspectPort: options.inspectPort }));
}

/** The bare socket.io baseline: no database, no auth. */
export async function startRawServer(port: number): Promise<BenchServer> {
	return startProcess(
		process.execPath,
		['--import', 'tsx', 'bench/raw-server.ts'],
		{ PORT: String(port) },
		port,
		'/health'
	);
}

/** Every process the bench started: a bench that dies of an error must not leave them running. */
const running = new Set<ChildProcess>();
process.on('exit', () => {
	for (const child of running) child.kill('SIGTERM');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(1));

async function startProcess(
	command: string,
	args: string[],
	env: Record<string, string>,
	port: number,
	healthPath: string
): Promise<BenchServer> {
	const child: ChildProcess = spawn(command, args, {
		env: { ...process.env, ...env },
		// BENCH_SERVER_LOG=1 shows the server's own log (both streams are read for errors).
		stdio: ['ignore', 'pipe', 'pipe']
	});
	running.add(child);
	child.once('exit', () => running.delete(child));
	let stderr = '';
	let errorLines = 0;
	// The server logs JSON lines on stdout (errors among them); the driver may warn on stderr.
	const listen = (chunk: Buffer) => {
		const lines = String(chunk)
			.split('\n')
			.filter((text) => /"level":"(error|fatal)"|^(?!\{).*(error|UNSAFE_TRANSACTION)/i.test(text));
		errorLines += lines.length;
		if (lines.length) stderr = (stderr + lines.join('\n') + '\n').slice(-8000);
		if (process.env.BENCH_SERVER_LOG) process.stderr.write(chunk);
	};
	child.stdout?.on('data', listen);
	child.stderr?.on('data', listen);
	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited: ${stderr}`);
		const ok = await fetch(url + healthPath).then(
			(r) => r.ok,
			() => false
		);
		if (ok) {
			return {
				url,
				pid: child.pid!,
				errors: () => stderr.slice(-4000),
				errorLines: () => errorLines,
				stop: () =>
					new Promise<void>((resolve) => {
						if (child.exitCode !== null || child.signalCode !== null) return resolve();
						child.once('exit', () => resolve());
						child.kill('SIGTERM');
					}),
				kill: () =>
					new Promise<void>((resolve) => {
						if (child.exitCode !== null || child.signalCode !== null) return resolve();
						child.once('exit', () => resolve());
						child.kill('SIGKILL');
					})
			};
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	child.kill('SIGKILL');
	throw new Error(`${args.join(' ')} did not answer on ${url}: ${stderr}`);
}

/**
 * A throwaway database on the given server, so a bench run never touches real data.
 * BENCH_DATABASE_NAME names it (where several people share one server); it is dropped at the end.
 */
export function createBenchDatabase(adminUrl: string) {
	const name = process.env.BENCH_DATABASE_NAME || `benchboard_bench_${process.pid}`;
	// The name goes into `create database` as it is.
	if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name))
		throw new Error(`BENCH_DATABASE_NAME must be lowercase letters, digits and _: ${name}`);
	return createThrowawayDatabase(adminUrl, name);
}

export function rssKb(pid: number): number {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
}

/**
 * CPU time every PostgreSQL process on this machine has used so far, in seconds (its backends, WAL
 * writer and checkpointer), or null when none is here (a server elsewhere, or the embedded database,
 * whose time is the app process's own).
 */
export function postgresCpuSeconds(): number | null {
	let total: number | null = null;
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			if (fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
			total = (total ?? 0) + cpuSeconds(Number(entry));
		} catch {
			// The process ended meanwhile.
		}
	}
	return total;
}

/** CPU time a process has used so far, in seconds (user and system, from /proc). */
export function cpuSeconds(pid: number): number {
	const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	// utime and stime are the 14th and 15th fields of the whole line, in clock ticks (100 a second).
	return (Number(fields[11]) + Number(fields[12])) / 100;
}
