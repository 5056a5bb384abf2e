import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures';

/**
 * A shop's server: a copy of the project with its prebuilt build/ and build-server/ and the
 * production dependencies only (`npm ci --omit=dev`: no Vite, no tsx, no TypeScript).
 */
test.describe('a prebuilt install with production dependencies only', () => {
	test.describe.configure({ timeout: 180_000 });
	const PORT = 3112;
	const baseURL = `http://127.0.0.1:${PORT}`;
	let dir: string;
	let server: ChildProcess | undefined;
	const env = () => ({ ...process.env, DATA_DIR: path.join(dir, 'data'), SEED: 'none' });
	const npm = (...args: string[]) =>
		spawnSync('npm', ['run', '--silent', ...args], { cwd: dir, env: env(), encoding: 'utf8' });
	test.use({ storageState: { cookies: [], origins: [] } });

	test.beforeAll(async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'benchboard-prod-'));
		const files = execFileSync('git', [
			'ls-files',
			'-z',
			'--cached',
			'--others',
			'--exclude-standard'
		])
			.toString()
			.split('\0')
			.filter((file) => file && fs.existsSync(file));
		for (const file of [...files, 'build', 'build-server'])
			fs.cpSync(file, path.join(dir, file), { recursive: true, preserveTimestamps: true });
		execFileSync('npm', ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund'], {
			cwd: dir,
			stdio: 'ignore'
		});
		expect(fs.existsSync(path.join(dir, 'node_modules', 'vite'))).toBe(false);
	});
	test.afterAll(async () => {
		if (server && server.exitCode === null) {
			const exited = new Promise((resolve) => server!.once('exit', resolve));
			// npm, and the server it started: the whole process group.
			process.kill(-server.pid!, 'SIGTERM');
			await exited;
		}
		fs.rmSync(dir, { recursive: true, force: true });
	});

	test('the command-line tools work, and the server starts and signs in', async ({ page }) => {
		const added = npm(
			'user',
			'--',
			'add',
			'--username',
			'rosa',
			'--name',
			'Rosa Diaz',
			'--role',
			'owner'
		);
		expect(added.status, added.stderr).toBe(0);
		const password = /Password: (\S+)/.exec(added.stdout)?.[1];
		expect(password).toBeTruthy();
		const seeded = npm('seed');
		expect(seeded.status, seeded.stderr).toBe(0);
		expect(seeded.stdout).toMatch(/Loaded \d+ demo orders/);
		const verified = npm('audit:verify');
		expect(verified.status, verified.stderr).toBe(0);
		expect(verified.stdout).toContain('every chain intact');
		expect(npm('migrate').stdout).toContain('The database is up to date.');

		server = spawn('npm', ['start'], {
			cwd: dir,
			env: { ...env(), PORT: String(PORT), HOST: '127.0.0.1' },
			stdio: 'ignore',
			detached: true
		});
		await expect
			.poll(async () => (await fetch(`${baseURL}/api/v1/health`).catch(() => null))?.status ?? 0, {
				timeout: 30_000
			})
			.toBe(200);
		await page.goto(`${baseURL}/login`);
		await page.getByLabel('Username').fill('rosa');
		await page.getByLabel('Password').fill(password!);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page).toHaveURL(`${baseURL}/`);
		await expect(page.getByLabel('Rosa Diaz, owner: account')).toBeVisible();
		await expect(page.getByText(/\d+ open orders/)).toBeVisible();

		// A backup while the server runs (it holds the embedded database, so it writes the archive).
		const backedUp = npm('backup', '--', path.join(dir, 'safe'));
		expect(backedUp.status, backedUp.stderr).toBe(0);
		const archive = /Backed up \(by the running server\) to (\S+\.tar\.gz)/.exec(
			backedUp.stdout
		)?.[1];
		expect(archive, backedUp.stdout).toBeTruthy();
		expect(fs.existsSync(`${archive}.sha256`)).toBe(true);

		// Restored on another machine's empty data folder: every order is there, the history intact.
		const elsewhere = { ...env(), DATA_DIR: path.join(dir, 'elsewhere') };
		const run = (...args: string[]) =>
			spawnSync('npm', ['run', '--silent', ...args], {
				cwd: dir,
				env: elsewhere,
				encoding: 'utf8'
			});
		const restored = run('restore', '--', archive!);
		expect(restored.status, restored.stderr).toBe(0);
		expect(restored.stdout).toMatch(/Restored the backup of .*rows in \d+ tables/);
		const again = run('restore', '--', archive!);
		expect(again.status).toBe(1);
		expect(again.stderr).toContain('already has data');
		const verified2 = run('audit:verify');
		expect(verified2.status, verified2.stderr).toBe(0);
		expect(verified2.stdout).toContain('every chain intact');
		const users = run('user', '--', 'list');
		expect(users.stdout).toMatch(/rosa\s+owner/);
	});
});
