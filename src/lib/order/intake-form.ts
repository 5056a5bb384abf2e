import type { MoneyFormat } from '../money';
import { readPrice } from '../price-input';

/** A field the form can tell is wrong, named as the API names it (`stones[0].carats`). */
export type FormProblem = { field: string; message: string };

const STONE_FIELD = /^stones\[(\d{1,2})\]\.(\w+)$/;

/**
 * The stones of the new-order dialog (`stones[0].gem`, `stones[0].carats`…), shaped as POST
 * /api/v1/orders takes them, in the order shown. A declared value is read only for who may edit
 * money (`money` is null otherwise); a value the form can tell is wrong is a problem named by field.
 */
export function readIntakeStones(
	form: FormData,
	money: MoneyFormat | null
): { stones: Record<string, unknown>[] } | FormProblem {
	const byIndex = new Map<number, Record<string, string>>();
	for (const [name, value] of form.entries()) {
		const match = STONE_FIELD.exec(name);
		if (!match || typeof value !== 'string') continue;
		const index = Number(match[1]);
		byIndex.set(index, { ...byIndex.get(index), [match[2]]: value.trim() });
	}
	const stones: Record<string, unknown>[] = [];
	for (const [position, [, fields]] of [...byIndex.entries()].sort(([a], [b]) => a - b).entries()) {
		const field = (name: string) => `stones[${position}].${name}`;
		const stone: Record<string, unknown> = {
			role: fields.role || 'center',
			source: fields.source || 'customer',
			gem: fields.gem ?? '',
			shape: fields.shape || null
		};
		if (fields.state) stone.state = fields.state;
		if (fields.carats) {
			if (!/^\d+([.,]\d+)?$/.test(fields.carats))
				return {
					field: field('carats'),
					message: `${field('carats')} must be a weight in carats, like 1.52`
				};
			stone.carats = Number(fields.carats.replace(',', '.'));
		}
		if (money && fields.declaredValue && stone.source === 'customer') {
			const value = readPrice(fields.declaredValue, money);
			if ('error' in value)
				return {
					field: field('declaredValueCents'),
					message: `${field('declaredValueCents')} ${value.error}`
				};
			stone.declaredValueCents = value.cents;
		}
		stones.push(stone);
	}
	return { stones };
}

/**
 * The deposit of the new-order dialog, when its section is open (the form then has `deposit.amount`);
 * only for who may take payments.
 */
export function readIntakeDeposit(
	form: FormData,
	money: MoneyFormat | null
): { deposit: Record<string, unknown> | undefined } | FormProblem {
	const amount = form.get('deposit.amount');
	if (!money || typeof amount !== 'string') return { deposit: undefined };
	const price = readPrice(amount, money);
	if ('error' in price)
		return { field: 'deposit.amountCents', message: `deposit.amountCents ${price.error}` };
	if (price.cents === null)
		return { field: 'deposit.amountCents', message: 'deposit.amountCents is required' };
	return {
		deposit: { amountCents: price.cents, method: String(form.get('deposit.method') ?? '') }
	};
}
