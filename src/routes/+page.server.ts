import { getBoard } from '$lib/server/orders';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	board: await getBoard(locals.services.db.sql)
});
