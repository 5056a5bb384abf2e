import { describe, expect, it } from 'vitest';
import { CredentialCache, SessionCache } from '../../src/lib/server/auth/session-cache';
import { validateSessionToken, type Session } from '../../src/lib/server/auth/sessions';
import { hashToken } from '../../src/lib/server/auth/tokens';
import type { Sql } from '../../src/lib/server/db';
import type { Actor } from '../../src/lib/server/events';

const actor: Actor = { id: 3, name: 'Sam Ortiz', role: 'staff' };
const session = (id: string, expiresAt = new Date(10_000_000)): Session => ({
	id,
	expiresAt,
	kind: 'user',
	displayId: null,
	extended: true
});
const keep = (cache: SessionCache, id: string, expiresAt?: Date, now = 1000) => {
	const kept = session(id, expiresAt);
	cache.keep(id, { session: kept, actor }, kept.expiresAt, now);
};
/** A database that must not be asked. */
const noDatabase = (() => {
	throw new Error('the database was asked');
}) as unknown as Sql;

describe('the validated-session cache', () => {
	it('answers for a few seconds, then asks the database again', () => {
		const cache = new SessionCache({ ttlMs: 5000 });
		keep(cache, 'a');
		expect(cache.find('a', 5999)?.actor).toEqual(actor);
		expect(cache.find('a', 6000)).toBeNull();
	});

	it('a kept session never asks to resend the cookie: only the database’s extension does', async () => {
		const cache = new SessionCache();
		const token = 'abcdefghijklmnopqrstuvwxyz234567';
		const kept = session(hashToken(token), new Date(Date.now() + 60_000));
		cache.keep(kept.id, { session: kept, actor }, kept.expiresAt);
		const found = await validateSessionToken(noDatabase, token, cache);
		expect(found?.actor).toEqual(actor);
		expect(found?.session.extended).toBe(false);
	});

	it('never answers for a session past its expiry, nor for one that ended', () => {
		const cache = new SessionCache({ ttlMs: 5000 });
		keep(cache, 'a', new Date(2000));
		expect(cache.find('a', 2000)).toBeNull();
		keep(cache, 'b');
		const generation = cache.generation;
		cache.forget(['b']);
		expect(cache.find('b', 1001)).toBeNull();
		// A reader that began before the forget can tell, and reads the session again.
		expect(cache.generation).toBe(generation + 1);
		cache.clear();
		expect(cache.generation).toBe(generation + 2);
	});

	it('keeps at most its limit, dropping the oldest first', () => {
		const cache = new SessionCache({ max: 2 });
		keep(cache, 'a', undefined, 1);
		keep(cache, 'b', undefined, 1);
		keep(cache, 'c', undefined, 1);
		expect(cache.find('a', 2)).toBeNull();
		expect(cache.find('c', 2)).not.toBeNull();
	});
});

describe('reading through the cache', () => {
	it('reads once, then answers from what it kept; a credential without expiry is kept too', async () => {
		const cache = new CredentialCache<string>();
		let reads = 0;
		const load = async () => (reads++, { value: 'POS', expiresAt: null });
		expect(await cache.read('t', load)).toBe('POS');
		expect(await cache.read('t', load)).toBe('POS');
		expect(reads).toBe(1);
	});

	it('reads again when credentials ended during its read, and keeps nothing it is unsure of', async () => {
		const cache = new CredentialCache<string>();
		let reads = 0;
		// The first read returns just as the credential is revoked on another process.
		const load = async () => {
			reads++;
			if (reads === 1) cache.forget(['t']);
			return reads === 1 ? { value: 'before the revoke', expiresAt: null } : null;
		};
		expect(await cache.read('t', load)).toBeNull();
		expect(reads).toBe(2);
		expect(cache.find('t')).toBeNull();
	});

	it('keeps nothing for a credential that is not there', async () => {
		const cache = new CredentialCache<string>();
		expect(await cache.read('t', async () => null)).toBeNull();
		expect(cache.find('t')).toBeNull();
	});
});
