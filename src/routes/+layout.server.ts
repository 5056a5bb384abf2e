import { navViewer } from '$lib/nav.server';
import { readShopProfile } from '$lib/server/shop-profile';
import type { LayoutServerLoad } from './$types';

/**
 * Every page gets the shop's profile (its name, contact details, locale, time zone and currency:
 * nothing secret, the status page and printed slips show it to customers), and a signed-in person
 * the app's one header. A wall display and a signed-out visitor get no header.
 */
export const load: LayoutServerLoad = async ({ locals }) => ({
	shop: await readShopProfile(locals.services.db.sql),
	nav: locals.actor && locals.actor.role !== 'display' ? navViewer(locals.actor) : null
});
