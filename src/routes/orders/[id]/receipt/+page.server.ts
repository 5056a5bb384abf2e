import { actorOf, parseOrderId } from '$lib/server/http';
import { getOrder } from '$lib/server/orders';
import { readRelease } from '$lib/server/release';
import { readSettings } from '$lib/server/settings';
import { navViewer } from '$lib/nav.server';
import { loadOrRefuse } from '$lib/page-errors.server';
import type { PageServerLoad } from './$types';

/** The customer signs it at the counter; the shop keeps it with the order's paperwork. */
export const load: PageServerLoad = async ({ locals, params }) => {
	const actor = actorOf(locals);
	const sql = locals.services.db.sql;
	const [order, release, settings] = await loadOrRefuse(() => {
		const id = parseOrderId(params.id);
		return Promise.all([getOrder(sql, actor, id), readRelease(sql, actor, id), readSettings(sql)]);
	});
	return {
		order,
		release: order.stage === 'picked_up' ? release : null,
		shopName: settings.shopName,
		timeZone: settings.timeZone,
		nav: navViewer(actor)
	};
};
