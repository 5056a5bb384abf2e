import { todayIn } from '$lib/due';
import { can } from '$lib/server/auth/roles';
import { loadOrRefuse } from '$lib/page-errors.server';
import { actorOf, parseOrderId } from '$lib/server/http';
import { getOrder } from '$lib/server/orders';
import { readSettings } from '$lib/server/settings';
import { shopHistory } from '$lib/server/forecast/cached';
import { listVendors } from '$lib/server/vendors';
import { readLocationSummaries } from '$lib/server/locations';
import type { OrderPageData } from '$lib/order/page.svelte';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }): Promise<OrderPageData> => {
	const actor = actorOf(locals);
	const sql = locals.services.db.sql;
	// An unknown order or a role that may not read orders: the app's error page, in plain words.
	return loadOrRefuse(async () => {
		const id = parseOrderId(params.id);
		const [order, vendors, settings, locations] = await Promise.all([
			getOrder(sql, actor, id),
			listVendors(sql, actor),
			readSettings(sql),
			readLocationSummaries(sql)
		]);
		return {
			order,
			vendors,
			locations,
			viewer: { id: actor.id, name: actor.name },
			today: todayIn(settings.timeZone),
			forecast: {
				history: await shopHistory(sql, settings.timeZone),
				timeZone: settings.timeZone
			},
			renderedAt: new Date().toISOString(),
			transferAlertHours: settings.transferAlertHours,
			abilities: {
				edit: can(actor.role, 'orders.edit'),
				move: can(actor.role, 'orders.move'),
				moneyRead: can(actor.role, 'money.read'),
				moneyEdit: can(actor.role, 'money.edit'),
				stonesEdit: can(actor.role, 'stones.edit'),
				stonesState: can(actor.role, 'stones.state'),
				attachmentsAdd: can(actor.role, 'attachments.add'),
				blockersEdit: can(actor.role, 'blockers.edit'),
				vendorJobsEdit: can(actor.role, 'vendorJobs.edit'),
				customersRead: can(actor.role, 'customers.read'),
				custodyCheckIn: can(actor.role, 'custody.checkIn'),
				custodyHandOff: can(actor.role, 'custody.handOff'),
				pickUp: can(actor.role, 'orders.pickUp'),
				releaseOverride: can(actor.role, 'orders.releaseOverride'),
				contactCustomer: can(actor.role, 'customers.contact')
			}
		};
	});
};
