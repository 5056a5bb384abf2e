import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SharedRateLimiter } from '../../src/lib/server/rate-limit';
import type { StartedServices } from '../../src/lib/server/start';
import { backends } from '../helpers/services';

describe.each(backends)('a request limit counted in the database on $name', (backend) => {
	let services: StartedServices;
	beforeAll(async () => {
		services = await backend.start();
	});
	afterAll(() => services.stop());

	it('lets `limit` requests of one address through per window, then refuses it alone', async () => {
		const sql = services.db.sql;
		const limiter = new SharedRateLimiter('test', 3, 60_000);
		const answers = [];
		for (let i = 0; i < 5; i++) answers.push(await limiter.take(sql, '203.0.113.9'));
		expect(answers).toEqual([true, true, true, false, false]);
		expect(await limiter.take(sql, '198.51.100.4')).toBe(true);
		// Another limit's count is its own.
		expect(await new SharedRateLimiter('other', 3, 60_000).take(sql, '203.0.113.9')).toBe(true);
	});

	it('starts counting again when the window ends', async () => {
		const sql = services.db.sql;
		const limiter = new SharedRateLimiter('short', 1, 300);
		expect(await limiter.take(sql, '203.0.113.7')).toBe(true);
		expect(await limiter.take(sql, '203.0.113.7')).toBe(false);
		await new Promise((resolve) => setTimeout(resolve, 350));
		expect(await limiter.take(sql, '203.0.113.7')).toBe(true);
	});
});
