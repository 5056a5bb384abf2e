import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'benchboard-cli-'));

/** Runs `npm run user -- …` the way an install script would, on a throwaway embedded database. */
async function user(args: string[], input?: string) {
	const child = run(process.execPath, ['--import', 'tsx', 'server/cli/user.ts', ...args], {
		env: { ...process.env, DATA_DIR: dataDir, SEED: 'none', DATABASE_URL: '' }
	});
	if (input !== undefined) {
		child.child.stdin?.end(input);
	}
	return child.then(
		({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
		(error: { code: number; stdout: string; stderr: string }) => error
	);
}

describe('npm run user', () => {
	afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

	it('adds, lists, resets and disables accounts, and refuses bad input with a message', async () => {
		const added = await user([
			'add',
			'--username',
			'rosa',
			'--name',
			'Rosa Diaz',
			'--role',
			'owner'
		]);
		expect(added.stdout).toMatch(/Added rosa \(owner\)\. Password: [a-z2-7]{6}(-[a-z2-7]{6}){3}/);
		const piped = await user(
			['add', '--username', 'tom', '--name', 'Tom Hale', '--role', 'bench', '--password-stdin'],
			'lantern over the quiet harbour\n'
		);
		expect(piped.stdout).toContain('Added tom (bench).');
		const weak = await user(
			['add', '--username', 'tim', '--name', 'Tim', '--role', 'bench', '--password-stdin'],
			'short\n'
		);
		expect(weak.code).toBe(1);
		expect(weak.stderr).toContain('password must be at least 10 characters');
		expect((await user(['disable', '--username', 'tom'])).stdout).toContain('Disabled tom');
		const list = (await user(['list'])).stdout;
		expect(list).toMatch(/rosa\s+owner\s+active\s+Rosa Diaz/);
		expect(list).toMatch(/tom\s+bench\s+disabled\s+Tom Hale/);
		expect(list).not.toContain('tim');
		expect((await user(['frob'])).code).toBe(2);
	}, 90_000);
});
