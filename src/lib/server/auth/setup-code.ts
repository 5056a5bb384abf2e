import { randomInt, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DomainError } from '../errors';
import { RateLimiter } from '../rate-limit';

/** No 0/O, 1/I/L: read off a console and typed on a phone without a second guess. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const FILE_NAME = 'setup-code.txt';

/** "K7PX-3MWQ-9DRT": 12 characters of 31, about 59 bits, and ten guesses a minute per address. */
function newCode(): string {
	const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]);
	return [0, 4, 8].map((start) => chars.slice(start, start + 4).join('')).join('-');
}

/** What a person may type: spaces, dashes and lower case do not matter. */
const normalize = (text: string) => text.toUpperCase().replace(/[^A-Z0-9]/g, '');

/**
 * The first run of a server that others can reach: whoever finds `/setup` first must not become
 * the shop's owner. The server makes a one-time code, prints it on its console and writes it to
 * `setup-code.txt` in the data folder; `/setup` asks for it until the owner exists.
 */
export class SetupGate {
	#code: string | null = null;
	#file: string | null = null;
	/** An owner exists: it always will (the last owner cannot be removed), so nobody asks again. */
	#settled = false;
	readonly #attempts = new RateLimiter(10, 60_000);

	/** Whether an owner is known to exist (set by whoever counted the accounts). */
	get settled(): boolean {
		return this.#settled;
	}

	settle(): void {
		this.#settled = true;
	}

	/** The database began again without accounts (leaving the demo): setup is open once more. */
	reopen(): void {
		this.#settled = false;
		this.spend();
	}

	/** True while the first owner needs the code. */
	get required(): boolean {
		return this.#code !== null;
	}

	/** Makes the code and writes it down (a memory:// database has no folder: the console only). */
	issue(dataDir: string | null): { code: string; file: string | null } {
		this.#code = newCode();
		this.#file = null;
		if (dataDir && dataDir !== 'memory://') {
			fs.mkdirSync(dataDir, { recursive: true });
			this.#file = path.resolve(dataDir, FILE_NAME);
			fs.writeFileSync(this.#file, `${this.#code}\n`, { mode: 0o600 });
		}
		return { code: this.#code, file: this.#file };
	}

	/** Refuses a missing or wrong code, naming the field; ten tries a minute per address. */
	check(given: unknown, ip: string | null): void {
		if (!this.#code) return;
		if (!this.#attempts.take(ip ?? 'unknown'))
			throw new DomainError(
				429,
				'too_many_attempts',
				'Too many setup codes tried: wait a minute, then type the code again.',
				{ field: 'code' }
			);
		const typed = Buffer.from(normalize(typeof given === 'string' ? given : ''));
		const expected = Buffer.from(normalize(this.#code));
		if (typed.length !== expected.length || !timingSafeEqual(typed, expected))
			throw new DomainError(
				400,
				'invalid',
				typed.length === 0
					? 'code is required: the server printed it on its console and wrote it to setup-code.txt in its data folder.'
					: 'code is not the one the server printed: look again at its console or setup-code.txt in its data folder.',
				{ field: 'code' }
			);
	}

	/** The owner exists: the code is spent and its file goes. */
	spend(): void {
		this.#code = null;
		if (this.#file) fs.rmSync(this.#file, { force: true });
		this.#file = null;
	}
}

/** Listening beyond this machine: any address but loopback (`HOST=0.0.0.0` counts as beyond). */
export function reachableFromOutside(host: string): boolean {
	return !['127.0.0.1', '::1', 'localhost'].includes(host) && !host.startsWith('127.');
}
