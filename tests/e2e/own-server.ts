import { spawn, type ChildProcess } from 'node:child_process';
import { expect } from '@playwright/test';

/**
 * A second app server of a test's own (the shared one cannot be restarted or emptied), on its own
 * port and data folder. `start` can be called again after `stop`, on the same data.
 */
export function ownServer(
	port: number,
	dataDir: string,
	seed: 'demo' | 'none',
	env: Record<string, string> = {},
	/** How long a start may take: a demo shop starting beside the shared server on a busy machine
	 * can take longer than the default. */
	startTimeout = 30_000
) {
	const baseURL = `http://127.0.0.1:${port}`;
	let child: ChildProcess | undefined;
	async function end(signal: NodeJS.Signals) {
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise((resolve) => child?.once('exit', resolve));
		child.kill(signal);
		await exited;
		child = undefined;
	}
	return {
		baseURL,
		async start() {
			// Another server left on the port would answer for this one, with other data.
			if (await fetch(`${baseURL}/api/v1/health`).catch(() => null))
				throw new Error(`port ${port} is already serving: stop that server first`);
			child = spawn(process.execPath, ['build-server/index.js'], {
				env: {
					...process.env,
					PORT: String(port),
					DATA_DIR: dataDir,
					SEED: seed,
					HOST: '127.0.0.1',
					...env
				},
				stdio: 'ignore'
			});
			await expect
				.poll(
					async () => (await fetch(`${baseURL}/api/v1/health`).catch(() => null))?.status ?? 0,
					{ timeout: startTimeout }
				)
				.toBe(200);
		},
		/** SIGTERM: the server closes its sockets and database as a shop's restart does. */
		stop: () => end('SIGTERM'),
		/** SIGKILL: a crash, with no goodbye to its sockets or database. */
		kill: () => end('SIGKILL')
	};
}
