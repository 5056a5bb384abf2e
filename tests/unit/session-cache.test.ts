import { describe, expect, it } from 'vitest';
import { SessionCache } from '../../src/lib/server/auth/session-cache';
import type { Session } from '../../src/lib/server/auth/sessions';
import type { Actor } from '../../src/lib/server/events';

const actor: Actor = { id: 3, name: 'Sam Ortiz', role: 'staff' };
const session = (id: string, expiresAt = new Date(10_000_000)): Session => ({
	id,
	expiresAt,
	kind: 'user',
	displayId: null,
	extended: true
});

describe('the validated-session cache', () => {
	it('answers for a few seconds, then asks the database again', () => {
		const cache = new SessionCache({ ttlMs: 5000 });
		cache.set(session('a'), actor, 1000);
		expect(cache.get('a', 5999)?.actor).toEqual(actor);
		// A cached answer never asks to resend the cookie: only the database's extension does.
		expect(cache.get('a', 5999)?.session.extended).toBe(false);
		expect(cache.get('a', 6000)).toBeNull();
	});

	it('never answers for a session past its expiry, nor for one that ended', () => {
		const cache = new SessionCache({ ttlMs: 5000 });
		cache.set(session('a', new Date(2000)), actor, 1000);
		expect(cache.get('a', 2000)).toBeNull();
		cache.set(session('b'), actor, 1000);
		const generation = cache.generation;
		cache.forget(['b']);
		expect(cache.get('b', 1001)).toBeNull();
		// A reader that began before the forget can tell, and reads the session again.
		expect(cache.generation).toBe(generation + 1);
		cache.clear();
		expect(cache.generation).toBe(generation + 2);
	});

	it('keeps at most its limit, dropping the oldest first', () => {
		const cache = new SessionCache({ max: 2 });
		cache.set(session('a'), actor, 1);
		cache.set(session('b'), actor, 1);
		cache.set(session('c'), actor, 1);
		expect(cache.get('a', 2)).toBeNull();
		expect(cache.get('c', 2)).not.toBeNull();
	});
});
