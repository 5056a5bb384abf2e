import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reachableFromOutside, SetupGate } from '../../src/lib/server/auth/setup-code';

const status = (work: () => void) => {
	try {
		work();
		return 'accepted';
	} catch (error) {
		return `${(error as { status: number }).status} ${(error as Error).message.split(':')[0]}`;
	}
};

describe('the first run setup code', () => {
	it('is asked for only once issued, is written to the data folder, and goes when spent', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'setup-code-'));
		const gate = new SetupGate();
		expect(gate.required).toBe(false);
		expect(status(() => gate.check(undefined, '10.0.0.9'))).toBe('accepted');

		const { code, file } = gate.issue(dir);
		expect(gate.required).toBe(true);
		expect(fs.readFileSync(file!, 'utf8').trim()).toBe(code);
		expect((fs.statSync(file!).mode & 0o777).toString(8)).toBe('600');
		expect(status(() => gate.check(undefined, '10.0.0.9'))).toBe('400 code is required');
		expect(status(() => gate.check('ABCD-EFGH-JKMN', '10.0.0.9'))).toBe(
			'400 code is not the one the server printed'
		);
		expect(
			status(() => gate.check(` ${code.toLowerCase().replaceAll('-', ' ')} `, '10.0.0.9'))
		).toBe('accepted');
		gate.spend();
		expect(gate.required).toBe(false);
		expect(fs.existsSync(file!)).toBe(false);
	});

	it('cannot be guessed: ten tries a minute per address, then even the right code waits', () => {
		const gate = new SetupGate();
		const { code, file } = gate.issue('memory://');
		expect(file).toBeNull();
		for (let i = 0; i < 10; i++) status(() => gate.check('WRONG-CODE-0000', '10.0.0.7'));
		expect(status(() => gate.check(code, '10.0.0.7'))).toBe('429 Too many setup codes tried');
		expect(status(() => gate.check(code, '10.0.0.8'))).toBe('accepted');
	});

	it('counts every address but loopback as reachable from outside', () => {
		expect(reachableFromOutside('0.0.0.0')).toBe(true);
		expect(reachableFromOutside('192.168.1.20')).toBe(true);
		expect(reachableFromOutside('::')).toBe(true);
		expect(reachableFromOutside('127.0.0.1')).toBe(false);
		expect(reachableFromOutside('localhost')).toBe(false);
		expect(reachableFromOutside('::1')).toBe(false);
	});
});
