import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/lib/server/rate-limit';

describe('the status page rate limit', () => {
	it('lets an address make its requests, then refuses it until the window turns', () => {
		const limiter = new RateLimiter(3, 60_000);
		const at = 1_000_000;
		expect([1, 2, 3].map(() => limiter.take('203.0.113.7', at))).toEqual([true, true, true]);
		expect(limiter.take('203.0.113.7', at + 1000)).toBe(false);
		// Another address is not held back by the first one's guessing.
		expect(limiter.take('198.51.100.2', at + 1000)).toBe(true);
		expect(limiter.take('203.0.113.7', at + 60_000)).toBe(true);
	});

	it('forgets old windows so memory stays bounded under many addresses', () => {
		const limiter = new RateLimiter(1, 1000);
		for (let i = 0; i < 10_050; i++) limiter.take(`10.0.${i >> 8}.${i & 255}`, 0);
		expect(limiter.size).toBe(10_050);
		// The next request after those windows ended sweeps them away.
		expect(limiter.take('192.0.2.1', 5000)).toBe(true);
		expect(limiter.size).toBe(1);
	});
});
