import type { MoneyFormat } from '../money';
import { readPrice } from '../price-input';
import { readIntakeDeposit, readIntakeStones } from './intake-form';

/** What the new-order dialog posts: field names in the form, shaped as POST /api/v1/orders takes. */
export type NewOrderForm =
	{ ok: true; input: Record<string, unknown> } | { ok: false; field: string; message: string };

/**
 * `money` is how the shop writes amounts, or null without the money permission: the price, declared
 * value and deposit fields are then not shown, and crafted ones are not passed on.
 */
export function readNewOrderForm(
	form: FormData,
	options: { money: MoneyFormat | null }
): NewOrderForm {
	const text = (name: string) => String(form.get(name) ?? '').trim();
	const customerId = text('customerId');
	const customer = customerId
		? { id: /^\d{1,10}$/.test(customerId) ? Number(customerId) : -1 }
		: {
				givenName: text('givenName'),
				familyName: text('familyName'),
				phone: text('phone'),
				email: text('email'),
				preferredContact: text('preferredContact') || undefined
			};
	const input: Record<string, unknown> = {
		customer,
		pieceType: text('pieceType') || undefined,
		title: text('title'),
		occasion: text('occasion'),
		dueDate: text('dueDate') || null,
		rush: form.get('rush') === 'on',
		assignee: text('assignee')
	};
	// Asked only when the shop has several locations; unsaid, the server picks (see orderPlaces).
	for (const field of ['intakeLocationId', 'pickupLocationId']) {
		const value = text(field);
		if (value) input[field] = /^\d{1,10}$/.test(value) ? Number(value) : value;
	}
	if (options.money) {
		const price = readPrice(text('quotedPrice'), options.money);
		if ('error' in price) {
			return { ok: false, field: 'quotedPriceCents', message: `quotedPriceCents ${price.error}` };
		}
		input.quotedPriceCents = price.cents;
	}
	const stones = readIntakeStones(form, options.money);
	if ('field' in stones) return { ok: false, ...stones };
	if (stones.stones.length) input.stones = stones.stones;
	const deposit = readIntakeDeposit(form, options.money);
	if ('field' in deposit) return { ok: false, ...deposit };
	if (deposit.deposit) input.deposit = deposit.deposit;
	return { ok: true, input };
}
