import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/lib/server/auth/accounts';
import type { SetupGate } from '../../src/lib/server/auth/setup-code';
import type { StartedServices } from '../../src/lib/server/start';
import { backends, createTestDatabase, startProcess } from '../helpers/services';

const adminUrl = process.env.TEST_DATABASE_URL;

/** 'accepted', or the refusal's status and the first words of its message. */
const status = (gate: SetupGate, given: unknown, ip: string) =>
	gate.check(given, ip).then(
		() => 'accepted',
		(error: { status: number; message: string }) => `${error.status} ${error.message.split(':')[0]}`
	);

const owner = {
	username: 'rosa',
	name: 'Rosa Diaz',
	role: 'owner',
	password: 'lantern over the quiet harbour'
};

describe.each(backends)('the first run setup code on $name', (backend) => {
	let services: StartedServices;

	beforeAll(async () => {
		services = await backend.start();
	});
	afterAll(() => services?.stop());

	it('cannot be guessed: ten tries a minute per address, then even the right code waits', async () => {
		const gate = services.setup;
		expect(await gate.required()).toBe(false);
		expect(await status(gate, undefined, '10.0.0.7')).toBe('accepted');
		const { code, file } = (await gate.issue('memory://'))!;
		expect(file).toBeNull();
		for (let i = 0; i < 10; i++) await status(gate, 'WRONG-CODE-0000', '10.0.0.7');
		expect(await status(gate, code, '10.0.0.7')).toBe('429 Too many setup codes tried');
		expect(await status(gate, code, '10.0.0.8')).toBe('accepted');
	});

	it('is asked for only once issued, is written to the data folder, and goes with the owner', async () => {
		const gate = services.setup;
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'setup-code-'));
		const { code, file } = (await gate.issue(dir))!;
		expect(await gate.required()).toBe(true);
		expect(fs.readFileSync(file!, 'utf8').trim()).toBe(code);
		expect((fs.statSync(file!).mode & 0o777).toString(8)).toBe('600');
		// Only hashes are in the database (this code's and the one the test before made): a backup
		// carries no code.
		const stored = await services.db.sql<{ codeHash: string }[]>`select code_hash from setup_codes`;
		expect(stored).toHaveLength(2);
		for (const { codeHash } of stored) expect(codeHash).not.toContain(code.replaceAll('-', ''));
		expect(await status(gate, undefined, '10.0.0.9')).toBe('400 code is required');
		expect(await status(gate, 'ABCD-EFGH-JKMN', '10.0.0.9')).toBe(
			'400 code is not the one the server printed'
		);
		expect(await status(gate, ` ${code.toLowerCase().replaceAll('-', ' ')} `, '10.0.0.9')).toBe(
			'accepted'
		);
		await createAccount(services, null, owner);
		gate.settle();
		expect(await gate.required()).toBe(false);
		expect(fs.existsSync(file!)).toBe(false);
		// With an owner, no process makes a code again.
		expect(await gate.issue(dir)).toBeNull();
	});
});

/**
 * Several processes start at once on a new PostgreSQL database behind a balancer: each prints a
 * code, and the person types one of them into a /setup page that any process may answer.
 */
describe.skipIf(!adminUrl)('the first run across processes on PostgreSQL', () => {
	let database: Awaited<ReturnType<typeof createTestDatabase>>;
	let processes: StartedServices[];
	const dirs = [0, 1].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'setup-code-')));

	beforeAll(async () => {
		database = await createTestDatabase(adminUrl!);
		const start = () => startProcess(database);
		processes = await Promise.all([start(), start()]);
	});
	afterAll(async () => {
		for (const one of processes ?? []) await one.stop();
		await database?.drop();
	});

	it('takes the code one process printed on another, counts the guesses of all, and stops asking everywhere once the owner exists', async () => {
		const [a, b] = processes;
		const [codeOfA, codeOfB] = await Promise.all(
			[a, b].map(async (one, i) => (await one.setup.issue(dirs[i]))!)
		);
		expect(codeOfA.code).not.toBe(codeOfB.code);
		for (const one of [a, b]) expect(await one.setup.required()).toBe(true);
		// Nine wrong guesses spread over both processes, then A's code on B: the tenth try.
		for (let i = 0; i < 9; i++) {
			expect(await status(processes[i % 2].setup, 'WRONG-CODE-0000', '198.51.100.4')).toBe(
				'400 code is not the one the server printed'
			);
		}
		expect(await status(b.setup, codeOfA.code, '198.51.100.4')).toBe('accepted');
		expect(await status(a.setup, codeOfB.code, '198.51.100.4')).toBe(
			'429 Too many setup codes tried'
		);
		expect(await status(a.setup, codeOfB.code, '198.51.100.5')).toBe('accepted');

		// The owner is made through B; A, which printed its own code, asks no more.
		await createAccount(b, null, owner);
		b.setup.settle();
		expect(await a.setup.required()).toBe(false);
		expect(await status(a.setup, undefined, '198.51.100.6')).toBe('accepted');
		expect(await a.setup.issue(dirs[0])).toBeNull();
		a.setup.settle();
		for (const { file } of [codeOfA, codeOfB]) expect(fs.existsSync(file!)).toBe(false);
	});
});
