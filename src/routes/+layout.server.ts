import { readShopProfile } from '$lib/server/shop-profile';
import type { LayoutServerLoad } from './$types';

/**
 * Every page gets the shop's profile (its name, contact details, locale, time zone and currency:
 * nothing secret, the status page and printed slips show it to customers).
 */
export const load: LayoutServerLoad = async ({ locals }) => ({
	shop: await readShopProfile(locals.services.db.sql)
});
