import type { MoneyFormat } from '$lib/money';
import { FieldError, textOrNull } from '$lib/order/draft.svelte';
import type { Stone } from '$lib/types';
import { STONE_FIELD_SCHEMAS } from '$lib/validation';

/** A stone as its form holds it: every field as typed. */
export type StoneValues = ReturnType<typeof stoneValues>;

/** `money` is the shop's: the declared value is shown as its locale writes an amount. */
export function stoneValues(stone: Stone | null, money: MoneyFormat) {
	return {
		role: stone?.role ?? 'center',
		source: stone?.source ?? 'store',
		vendorId: stone?.vendorId ? String(stone.vendorId) : '',
		gem: stone?.gem ?? '',
		shape: stone?.shape ?? '',
		count: String(stone?.count ?? 1),
		carats: stone?.carats == null ? '' : String(stone.carats),
		dimensionsMm: stone?.dimensionsMm ?? '',
		colour: stone?.colour ?? '',
		clarity: stone?.clarity ?? '',
		certLab: stone?.certLab ?? '',
		certNumber: stone?.certNumber ?? '',
		declaredValueCents: money.text(stone?.declaredValueCents ?? null),
		state: stone?.state ?? 'expected'
	} as Record<string, string>;
}

/** A number checked by the server's own rule for the field ("Must be at most 10000"). */
function checked(field: 'count' | 'carats', value: number): number {
	const result = STONE_FIELD_SCHEMAS[field].safeParse(value);
	if (result.success) return value;
	const message = result.error.issues[0]?.message ?? 'is not allowed';
	throw new FieldError(field, message[0].toUpperCase() + message.slice(1));
}

/**
 * The changed fields as the API takes them; a value the browser can tell is wrong throws. `money` is
 * the shop's way of writing amounts, or null when the viewer may not edit money.
 */
export function stoneBody(
	changed: Partial<StoneValues>,
	all: StoneValues,
	money: MoneyFormat | null
) {
	const body: Record<string, unknown> = {};
	for (const [field, raw] of Object.entries(changed)) {
		const value = String(raw).trim();
		if (field === 'count') {
			if (!/^\d+$/.test(value)) throw new FieldError(field, 'A whole number of stones, 1 or more');
			body.count = checked('count', Number(value));
		} else if (field === 'carats') {
			if (value && !/^\d+(\.\d+)?$/.test(value))
				throw new FieldError(field, 'A weight in carats with up to 3 decimals, like 1.52');
			body.carats = value ? checked('carats', Number(value)) : null;
		} else if (field === 'vendorId') body.vendorId = value ? Number(value) : null;
		else if (field === 'declaredValueCents') {
			const cents = value && money ? money.parse(value) : null;
			if (value && cents === null) throw new FieldError(field, `An amount, like ${money?.example}`);
			body.declaredValueCents = cents;
		} else if (['role', 'source', 'state'].includes(field)) body[field] = value;
		else body[field] = textOrNull(value);
	}
	// A customer's stone has no vendor, and only a customer's stone has a declared value.
	if (all.source === 'customer') {
		if ('source' in changed) body.vendorId = null;
	} else {
		delete body.declaredValueCents;
		if ('source' in changed && money) body.declaredValueCents = null;
	}
	if (!money) delete body.declaredValueCents;
	return body;
}
