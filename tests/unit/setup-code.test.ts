import { describe, expect, it } from 'vitest';
import { reachableFromOutside } from '../../src/lib/server/auth/setup-code';

describe('where the first run asks for a setup code', () => {
	it('counts every address but loopback as reachable from outside', () => {
		expect(reachableFromOutside('0.0.0.0')).toBe(true);
		expect(reachableFromOutside('192.168.1.20')).toBe(true);
		expect(reachableFromOutside('::')).toBe(true);
		expect(reachableFromOutside('127.0.0.1')).toBe(false);
		expect(reachableFromOutside('localhost')).toBe(false);
		expect(reachableFromOutside('::1')).toBe(false);
	});
});
