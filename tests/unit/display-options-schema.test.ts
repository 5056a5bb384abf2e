import { describe, expect, it } from 'vitest';
import { displayOptionsSchema } from '../../src/lib/validation/settings';

describe("a wall display's options", () => {
	it('take a location id the database can hold, or null for every location', () => {
		expect(displayOptionsSchema.safeParse({ locationId: 3 }).success).toBe(true);
		expect(displayOptionsSchema.safeParse({ locationId: null }).success).toBe(true);
		for (const locationId of [0, -1, 1.5, 99_999_999_999, '3']) {
			const parsed = displayOptionsSchema.safeParse({ locationId });
			expect(parsed.success, `locationId ${locationId}`).toBe(false);
			expect(parsed.error?.issues[0].path).toEqual(['locationId']);
		}
	});
});
