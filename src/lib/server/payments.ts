import type { z } from 'zod';
import { todayIn } from '../due';
import { recordPaymentSchema } from '../validation';
import { requirePermission } from './auth/roles';
import { changeInsideOrder } from './commands';
import type { Tx } from './db';
import { parseInput } from './errors';
import type { Actor } from './events';
import type { Services } from './services';
import { readSettings } from './settings';

/**
 * Money taken or given back. Payments are never edited or deleted: a mistake is put right with a
 * refund, so the record shows what really happened.
 */
export async function recordPayment(
	services: Services,
	actor: Actor,
	orderId: number,
	input: unknown
): Promise<number | null> {
	requirePermission(actor, 'money.edit');
	const data = parseInput(recordPaymentSchema, input);
	return changeInsideOrder(services, actor, orderId, 'payment.recorded', async (tx) => ({
		before: null,
		after: await insertPayment(tx, actor, orderId, data)
	}));
}

/** Inserts a payment inside the caller's transaction; the day is today in the shop's time zone. */
export async function insertPayment(
	tx: Tx,
	actor: Actor,
	orderId: number,
	data: z.output<typeof recordPaymentSchema>
): Promise<Record<string, unknown>> {
	const { timeZone } = await readSettings(tx);
	const [payment] = await tx`
		insert into payments ${tx({
			orderId,
			kind: data.kind,
			amountCents: data.amountCents,
			method: data.method,
			paidOn: data.paidOn ?? todayIn(timeZone),
			takenBy: actor.id,
			note: data.note ?? null
		})}
		returning id, kind, amount_cents, method, paid_on, note`;
	return payment;
}

/** What is still owed on the quote; null when no price was quoted. */
export async function balanceOf(tx: Tx, orderId: number): Promise<number | null> {
	const [{ balanceCents }] = await tx<{ balanceCents: number | null }[]>`
		select o.quoted_price_cents - coalesce((
			select sum(case when kind = 'refund' then -amount_cents else amount_cents end)
			from payments where order_id = o.id
		), 0) as balance_cents
		from orders o where o.id = ${orderId}`;
	return balanceCents === null ? null : Number(balanceCents);
}
