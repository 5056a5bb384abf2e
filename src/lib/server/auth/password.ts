import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { COMMON_PASSWORDS } from './common-passwords';

export const MIN_PASSWORD_LENGTH = 10;
// Long enough for any passphrase, short enough that hashing attacker-sized input stays cheap.
export const MAX_PASSWORD_LENGTH = 200;

const COST = 2 ** 15;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;

// Caps on what a stored hash may ask for, so a tampered or corrupt row cannot make a login
// attempt allocate gigabytes or spin for minutes.
const MAX_COST = 2 ** 20;
const MAX_BLOCK_SIZE = 32;
const MAX_PARALLELISM = 16;
const MAX_KEY_BYTES = 128;

function scryptAsync(
	password: string,
	salt: Buffer,
	keylen: number,
	options: ScryptOptions
): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		scrypt(password, salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key)));
	});
}

function scryptOptions(N: number, r: number, p: number): ScryptOptions {
	// scrypt needs 128·N·r·p bytes; Node's default 32 MiB limit is exactly what N=2^15, r=8 needs
	// and is rejected, so leave headroom.
	return { N, r, p, maxmem: 128 * N * r * p + 32 * 1024 * 1024 };
}

export async function hashPassword(password: string): Promise<string> {
	const salt = randomBytes(SALT_BYTES);
	const key = await scryptAsync(
		password,
		salt,
		KEY_BYTES,
		scryptOptions(COST, BLOCK_SIZE, PARALLELISM)
	);
	return [
		'scrypt',
		COST,
		BLOCK_SIZE,
		PARALLELISM,
		salt.toString('base64'),
		key.toString('base64')
	].join('$');
}

function parseInteger(text: string, max: number): number | null {
	if (!/^[1-9][0-9]{0,9}$/.test(text)) return null;
	const value = Number(text);
	return value <= max ? value : null;
}

function parseBase64(text: string): Buffer | null {
	if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 !== 0) return null;
	const bytes = Buffer.from(text, 'base64');
	return bytes.length > 0 ? bytes : null;
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
	if (typeof hash !== 'string' || typeof password !== 'string') return false;
	const parts = hash.split('$');
	if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
	const N = parseInteger(parts[1], MAX_COST);
	const r = parseInteger(parts[2], MAX_BLOCK_SIZE);
	const p = parseInteger(parts[3], MAX_PARALLELISM);
	const salt = parseBase64(parts[4]);
	const expected = parseBase64(parts[5]);
	if (N === null || r === null || p === null || !salt || !expected) return false;
	if (N < 2 || (N & (N - 1)) !== 0 || expected.length > MAX_KEY_BYTES) return false;
	try {
		const actual = await scryptAsync(password, salt, expected.length, scryptOptions(N, r, p));
		return timingSafeEqual(actual, expected);
	} catch {
		return false;
	}
}

function isCommon(lowered: string): boolean {
	if (COMMON_PASSWORDS.has(lowered)) return true;
	// People satisfy length rules by bolting digits and punctuation onto a known word
	// ("password123!"), which cracking tools try first.
	const stem = lowered.replace(/[\d!?.@#$*_-]+$/, '');
	return stem.length > 0 && COMMON_PASSWORDS.has(stem);
}

export function passwordProblem(
	password: string,
	context: { username?: string; name?: string } = {}
): string | null {
	// Count code points so an emoji is one character, as the person typing it sees it.
	const length = [...password].length;
	if (length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
	if (length > MAX_PASSWORD_LENGTH) return `must be at most ${MAX_PASSWORD_LENGTH} characters`;

	const lowered = password.toLowerCase();
	const username = context.username?.trim().toLowerCase() ?? '';
	if (username.length >= 3 && lowered.includes(username)) return 'must not contain your username';
	const name = context.name?.trim().toLowerCase() ?? '';
	const compactName = name.replace(/\s+/g, '');
	if (
		name.length >= 3 &&
		(lowered.includes(name) || lowered.replace(/\s+/g, '').includes(compactName))
	)
		return 'must not contain your name';

	if (isCommon(lowered) || isCommon(lowered.replace(/\s+/g, '')))
		return 'is too common; choose something less guessable, such as a few unrelated words';
	return null;
}
