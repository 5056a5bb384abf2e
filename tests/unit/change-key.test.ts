import { afterEach, describe, expect, it, vi } from 'vitest';
import { newChangeKey } from '../../src/lib/offline/change-key';

describe('the key of a change made at the bench', () => {
	afterEach(() => vi.restoreAllMocks());

	it('is made on a plain-http page too, where the browser has no crypto.randomUUID', () => {
		vi.spyOn(crypto, 'randomUUID').mockImplementation(() => {
			throw new TypeError('crypto.randomUUID is not a function');
		});
		const keys = new Set(Array.from({ length: 1000 }, () => newChangeKey()));
		expect(keys.size).toBe(1000);
		for (const key of keys) expect(key).toMatch(/^[0-9a-f]{32}$/);
	});
});
