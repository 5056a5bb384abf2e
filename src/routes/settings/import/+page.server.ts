import { error } from '@sveltejs/kit';
import { can } from '$lib/server/auth/roles';
import { actorOf } from '$lib/server/http';
import { recentImports } from '$lib/server/imports';
import type { PageServerLoad } from './$types';

/** Importing a spreadsheet of open orders: the owner's and managers'. */
export const load: PageServerLoad = async ({ locals }) => {
	const actor = actorOf(locals);
	if (!can(actor.role, 'orders.import')) {
		error(403, 'Importing a spreadsheet of orders is for the owner and managers.');
	}
	return {
		money: can(actor.role, 'money.edit'),
		recent: await recentImports(locals.services.db.sql, actor)
	};
};
