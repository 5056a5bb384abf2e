import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { log } from '../../src/lib/server/log';
import { lockDataDir } from '../../src/lib/server/db';

/** A process that has ended but was not yet collected by its parent: a zombie, as after a crash. */
async function zombie(): Promise<{ pid: number; stop: () => void }> {
	const parent = spawn('python3', [
		'-c',
		'import os, sys, time\npid = os.fork()\nif pid == 0: os._exit(1)\nprint(pid, flush=True)\ntime.sleep(60)'
	]);
	const pid = await new Promise<number>((resolve) =>
		parent.stdout.once('data', (chunk) => resolve(Number(String(chunk).trim())))
	);
	return { pid, stop: () => parent.kill('SIGKILL') };
}

describe('the embedded data folder lock', () => {
	const dirs: string[] = [];
	const folder = () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'benchboard-lock-'));
		dirs.push(dir);
		return dir;
	};
	afterEach(() => {
		for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
		vi.restoreAllMocks();
	});

	it('refuses a second holder while the first is alive', () => {
		const dir = folder();
		const release = lockDataDir(dir);
		expect(() => lockDataDir(dir)).toThrow(/in use by process/);
		release();
		lockDataDir(dir)();
	});

	it('takes over at once from a process that crashed, even before its parent collected it', async () => {
		const dir = folder();
		const crashed = await zombie();
		try {
			await new Promise((resolve) => setTimeout(resolve, 100));
			expect(fs.readFileSync(`/proc/${crashed.pid}/stat`, 'utf8')).toMatch(/\) Z /);
			fs.writeFileSync(path.join(dir, 'benchboard.lock'), String(crashed.pid));
			const warn = vi.spyOn(log, 'warn').mockImplementation(() => {});
			const release = lockDataDir(dir);
			expect(warn).toHaveBeenCalledWith(expect.stringContaining(`process ${crashed.pid}`));
			expect(fs.readFileSync(path.join(dir, 'benchboard.lock'), 'utf8')).toBe(String(process.pid));
			release();
		} finally {
			crashed.stop();
		}
	});
});
