import { describe, expect, it } from 'vitest';
import { stoneBody, stoneValues } from '../../src/lib/components/order/stone-form';
import { moneyFormat } from '../../src/lib/money';
import { FieldError } from '../../src/lib/order/draft.svelte';

const money = moneyFormat('USD', 'en-US');
const values = stoneValues(null, money);

/** The field a browser-side check refused, or null when the body would be sent. */
function refused(changed: Record<string, string>): string | null {
	try {
		stoneBody(changed, { ...values, ...changed }, money);
		return null;
	} catch (error) {
		if (error instanceof FieldError) return `${error.field}: ${error.message}`;
		throw error;
	}
}

describe("the stone form checks what the server would refuse, by the server's own rules", () => {
	it('takes what the server takes', () => {
		expect(refused({ count: '10000', carats: '1.52' })).toBeNull();
		expect(stoneBody({ count: '3' }, values, money)).toEqual({ count: 3 });
	});

	it('refuses a count or weight beyond what the server allows, naming the field', () => {
		expect(refused({ count: '10001' })).toMatch(/^count: .*at most 10000/);
		expect(refused({ count: '0' })).toMatch(/^count: /);
		expect(refused({ count: '2.5' })).toMatch(/^count: /);
		expect(refused({ carats: '10001' })).toMatch(/^carats: .*at most 10000/);
		expect(refused({ carats: '1.5234' })).toMatch(/^carats: /);
	});
});
