import { readSettings } from '$lib/server/settings';
import type { LayoutServerLoad } from './$types';

/** The shop's name heads every page a customer opens, a wrong link's too. */
export const load: LayoutServerLoad = async ({ locals }) => ({
	shopName: (await readSettings(locals.services.db.sql)).shopName
});
