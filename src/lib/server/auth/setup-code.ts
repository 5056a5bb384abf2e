import { createHash, randomInt } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Sql } from '../db';
import { DomainError } from '../errors';
import { SharedRateLimiter } from '../rate-limit';
import { transaction } from '../transaction';

/** Taken while the first owner is made and while a code is stored: one waits for the other. */
export const FIRST_OWNER_LOCK = 4210002;

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
const hashOf = (code: string) => createHash('sha256').update(normalize(code)).digest('hex');

/**
 * The first run of a server that others can reach: whoever finds `/setup` first must not become
 * the shop's owner. The server makes a one-time code, prints it on its console and writes it to
 * `setup-code.txt` in the data folder; `/setup` asks for it until the owner exists.
 *
 * Several processes over one PostgreSQL each print a code of their own and store its hash
 * (setup_codes, migration 0016); `/setup` on any of them takes any stored code, so the one a person
 * read off process A's console works when the balancer sends the form to B. Only hashes are
 * stored: a code in the clear would travel in every backup. The attempts are counted in the
 * database too, so ten tries a minute are ten across all processes. Making the first owner empties
 * the table (accounts.ts), in the same transaction.
 */
export class SetupGate {
	#file: string | null = null;
	/** An owner exists: it always will (the last owner cannot be removed), so nobody asks again. */
	#settled = false;
	readonly #attempts = new SharedRateLimiter('setup', 10, 60_000);

	constructor(readonly sql: Sql) {}

	/** Whether an owner is known to exist (set by whoever counted the accounts). */
	get settled(): boolean {
		return this.#settled;
	}

	/** The owner exists (made through this process or another): this process's code file goes. */
	settle(): void {
		this.#settled = true;
		this.#removeFile();
	}

	/** The database began again without accounts (leaving the demo): setup is open once more. */
	reopen(): void {
		this.#settled = false;
		this.#removeFile();
	}

	/** True while some process printed a code and the first owner does not exist yet. */
	async required(): Promise<boolean> {
		const [row] = await this.sql`select 1 from setup_codes limit 1`;
		return row !== undefined;
	}

	/**
	 * While there is no owner: makes a code, stores its hash and writes it down (a memory://
	 * database: the console only). Null once an owner exists. Under the first owner's lock
	 * (accounts.ts), so a code is never stored just after the owner emptied the table.
	 */
	async issue(dataDir: string | null): Promise<{ code: string; file: string | null } | null> {
		const code = newCode();
		const stored = await transaction(this.sql, async (tx) => {
			await tx`select pg_advisory_xact_lock(${FIRST_OWNER_LOCK})`;
			return tx`
				insert into setup_codes (code_hash)
				select ${hashOf(code)} where not exists (select 1 from users where role in ('owner', 'manager', 'staff', 'bench'))
				returning code_hash`;
		});
		if (stored.length === 0) return null;
		this.#file = null;
		if (dataDir && dataDir !== 'memory://') {
			fs.mkdirSync(dataDir, { recursive: true });
			this.#file = path.resolve(dataDir, FILE_NAME);
			fs.writeFileSync(this.#file, `${code}\n`, { mode: 0o600 });
		}
		return { code, file: this.#file };
	}

	/** Refuses a missing or wrong code, naming the field; ten tries a minute per address. */
	async check(given: unknown, ip: string | null): Promise<void> {
		if (!(await this.required())) return;
		if (!(await this.#attempts.take(this.sql, ip ?? 'unknown')))
			throw new DomainError(
				429,
				'too_many_attempts',
				'Too many setup codes tried: wait a minute, then type the code again.',
				{ field: 'code' }
			);
		const typed = normalize(typeof given === 'string' ? given : '');
		// A hash looked up by its index tells a guesser nothing about how close the guess was.
		const [match] = typed
			? await this.sql`select 1 from setup_codes where code_hash = ${hashOf(typed)}`
			: [];
		if (!match)
			throw new DomainError(
				400,
				'invalid',
				typed.length === 0
					? 'code is required: the server printed it on its console and wrote it to setup-code.txt in its data folder.'
					: 'code is not the one the server printed: look again at its console or setup-code.txt in its data folder.',
				{ field: 'code' }
			);
	}

	#removeFile() {
		if (this.#file) fs.rmSync(this.#file, { force: true });
		this.#file = null;
	}
}

/** Listening beyond this machine: any address but loopback (`HOST=0.0.0.0` counts as beyond). */
export function reachableFromOutside(host: string): boolean {
	return !['127.0.0.1', '::1', 'localhost'].includes(host) && !host.startsWith('127.');
}
