import type { ShopProfile } from '../shop';
import { shopProfileSchema } from '../validation';
import { requirePermission } from './auth/roles';
import type { Sql, Tx } from './db';
import { DomainError, parseInput } from './errors';
import type { Actor } from './events';
import type { Services } from './services';
import { recordSettingsChange } from './settings-trail';
import { transaction } from './transaction';

export async function readShopProfile(q: Sql | Tx): Promise<ShopProfile> {
	const [row] = await q<
		(Omit<ShopProfile, 'logo' | 'name'> & { shopName: string; logoHash: string | null })[]
	>`
		select shop_name, address, phone, email, website, time_zone, currency, locale, logo_hash
		from settings`;
	const { shopName, logoHash, ...rest } = row;
	return { ...rest, name: shopName, logo: logoHash ? `/shop/logo/${logoHash}` : null };
}

const COLUMNS: Record<Exclude<keyof ShopProfile, 'logo'>, string> = {
	name: 'shop_name',
	address: 'address',
	phone: 'phone',
	email: 'email',
	website: 'website',
	timeZone: 'time_zone',
	currency: 'currency',
	locale: 'locale'
};

/**
 * Amounts are stored in the currency's minor unit (cents, yen): once any is recorded, another
 * currency would read every one of them wrong (125000 cents are not 125000 yen).
 */
/** The shop's profile for a signed-in screen (customers see it on their status page too). */
export async function getShopProfile(sql: Sql, actor: Actor): Promise<ShopProfile> {
	requirePermission(actor, 'board.read');
	return readShopProfile(sql);
}

export async function amountsRecorded(tx: Sql | Tx): Promise<boolean> {
	const [{ recorded }] = await tx<{ recorded: boolean }[]>`
		select exists (select from orders where quoted_price_cents is not null)
			or exists (select from payments)
			or exists (select from vendor_jobs where cost_cents is not null)
			or exists (select from stones where declared_value_cents is not null)
			or exists (select from customer_items where declared_value_cents is not null) as recorded`;
	return recorded;
}

/**
 * One change to the profile, for every kind (its fields, its logo): the settings row is locked,
 * `apply` makes the change and names the fields that differ, and those are recorded (who, when,
 * before and after) in the same transaction; every open screen then takes the new profile.
 * Nothing that differs: nothing is recorded.
 */
export async function changeShopProfile(
	services: Services,
	actor: Actor,
	apply: (tx: Tx, before: ShopProfile) => Promise<(keyof ShopProfile)[]>
): Promise<ShopProfile> {
	const { profile, changed } = await transaction(services.db.sql, async (tx) => {
		await tx`select from settings for update`;
		const before = await readShopProfile(tx);
		const fields = await apply(tx, before);
		if (fields.length === 0) return { profile: before, changed: false };
		const after = await readShopProfile(tx);
		const pick = (profile: ShopProfile) =>
			Object.fromEntries(fields.map((field) => [field, profile[field]]));
		await recordSettingsChange(tx, actor, 'profile', pick(before), pick(after));
		return { profile: after, changed: true };
	});
	if (changed) services.bus.notifyScreens({ type: 'shop', profile });
	return profile;
}

/** The owner changes the shop's name, contact details, time zone, currency or locale. */
export async function updateShopProfile(
	services: Services,
	actor: Actor,
	input: unknown
): Promise<ShopProfile> {
	requirePermission(actor, 'shop.manage');
	const changes = parseInput(shopProfileSchema, input);
	return changeShopProfile(services, actor, async (tx, before) => {
		const fields = (Object.keys(changes) as (keyof typeof COLUMNS)[]).filter(
			(field) => changes[field] !== before[field]
		);
		if (fields.includes('currency') && (await amountsRecorded(tx)))
			throw new DomainError(
				400,
				'invalid',
				`currency cannot change now: amounts are already recorded in ${before.currency}, and would be read as ${changes.currency}. Start a new shop database to use another currency.`,
				{ field: 'currency' }
			);
		for (const field of fields)
			await tx`update settings set ${tx(COLUMNS[field])} = ${changes[field]!}`;
		// A shop of one location: its store is the shop, and is called as the shop is.
		if (fields.includes('name'))
			await tx`
				update locations set name = ${changes.name!}, version = version + 1
				where (select count(*) from locations) = 1`;
		return fields;
	});
}
