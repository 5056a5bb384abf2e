import { describe, expect, it } from 'vitest';
import { moneyOf } from '../../src/lib/server/order-record';
import type { Payment } from '../../src/lib/types';

const payment = (kind: Payment['kind'], amountCents: number): Payment => ({
	id: 1,
	kind,
	amountCents,
	method: 'card',
	paidOn: '2026-11-27',
	takenBy: 'Avery Stone',
	note: null,
	createdAt: '2026-11-27T10:00:00.000Z'
});

describe('an order’s balance', () => {
	it('is the quote less deposits and payments, plus refunds, exactly in cents', () => {
		const money = moneyOf('USD', 480_000, [
			payment('deposit', 240_000),
			payment('payment', 10),
			payment('payment', 20),
			payment('refund', 5)
		]);
		expect(money).toMatchObject({ paidCents: 240_025, balanceCents: 239_975 });
	});

	it('goes negative when the customer paid more than the quote (the shop owes them)', () => {
		expect(moneyOf('USD', 1_000, [payment('deposit', 1_500)]).balanceCents).toBe(-500);
	});

	it('has no balance without a quote, but still counts what was paid', () => {
		expect(moneyOf('EUR', null, [payment('deposit', 5_000)])).toMatchObject({
			currency: 'EUR',
			paidCents: 5_000,
			balanceCents: null
		});
	});
});
