import { beforeAll, describe, expect, it } from 'vitest';
import {
	hashPassword,
	MIN_PASSWORD_LENGTH,
	passwordProblem,
	verifyPassword
} from '../../src/lib/server/auth/password';

const password = 'copper kettle sings at dawn';

describe('password hashing', () => {
	let hash: string;

	beforeAll(async () => {
		hash = await hashPassword(password);
	});

	it('stores a self-describing scrypt hash without the plaintext', () => {
		expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
		expect(hash).not.toContain(password);
		expect(hash).not.toContain('copper');
	});

	it('verifies the right password only', async () => {
		expect(await verifyPassword(hash, password)).toBe(true);
		expect(await verifyPassword(hash, 'copper kettle sings at dusk')).toBe(false);
		expect(await verifyPassword(hash, 'Copper kettle sings at dawn')).toBe(false);
		expect(await verifyPassword(hash, '')).toBe(false);
	});

	it('salts each hash', async () => {
		const again = await hashPassword(password);
		expect(again).not.toBe(hash);
		expect(await verifyPassword(again, password)).toBe(true);
	});

	it('rejects malformed or truncated hashes without throwing', async () => {
		const parts = hash.split('$');
		const malformed = [
			'',
			'not a hash',
			hash.slice(0, -10),
			hash.slice(0, hash.lastIndexOf('$')),
			`${hash}$extra`,
			hash.replace(/^scrypt/, 'bcrypt'),
			[...parts.slice(0, 1), 'abc', ...parts.slice(2)].join('$'),
			[...parts.slice(0, 1), '1000', ...parts.slice(2)].join('$'),
			[...parts.slice(0, 1), String(2 ** 30), ...parts.slice(2)].join('$'),
			[...parts.slice(0, 4), '!!!', parts[5]].join('$'),
			[...parts.slice(0, 5), ''].join('$')
		];
		for (const bad of malformed) {
			await expect(verifyPassword(bad, password), bad).resolves.toBe(false);
		}
	});
});

describe('passwordProblem', () => {
	it('rejects passwords that are too short or too long', () => {
		expect(passwordProblem('a'.repeat(MIN_PASSWORD_LENGTH - 1))).toBe(
			'must be at least 10 characters'
		);
		expect(passwordProblem('x7Kq!m2Lp')).toMatch(/at least 10/);
		expect(passwordProblem('plum '.repeat(41))).toMatch(/at most 200/);
	});

	it('rejects common passwords and their trivial variants', () => {
		for (const common of [
			'1234567890',
			'qwertyuiop',
			'Basketball',
			'password123!',
			'Football2024',
			'sunshine!!',
			'diamonds1234',
			'Benchboard!'
		]) {
			expect(passwordProblem(common), common).toMatch(/too common/);
		}
	});

	it('rejects passwords containing the username or name', () => {
		expect(passwordProblem('my-chloe.m-is-great', { username: 'Chloe.M' })).toMatch(/username/);
		expect(passwordProblem('ChloeMartin2024', { name: 'Chloe Martin' })).toMatch(/name/);
		// Very short identifiers would flag too many innocent passwords.
		expect(passwordProblem('copper kettle sings at dawn', { username: 'at' })).toBeNull();
	});

	it('accepts a long passphrase', () => {
		expect(passwordProblem(password, { username: 'chloe', name: 'Chloe Martin' })).toBeNull();
	});
});
