import { actorOf, parseOrderId } from '$lib/server/http';
import { printedStatusLink } from '$lib/server/job-envelope';
import { getOrder } from '$lib/server/orders';
import { readRelease } from '$lib/server/release';
import { readSettings } from '$lib/server/settings';
import { readPickupPlace } from '$lib/server/updates/pickup-place';
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
	const pickedUp = order.stage === 'picked_up';
	return {
		order,
		release: pickedUp ? release : null,
		// The customer takes either receipt home: a way to the order's status page.
		statusLink: await printedStatusLink(sql, locals.services.publicUrl, order.id),
		shopName: settings.shopName,
		// Where the customer picks the piece up, in a shop of several locations.
		pickup: await readPickupPlace(sql, order.id)
	};
};
