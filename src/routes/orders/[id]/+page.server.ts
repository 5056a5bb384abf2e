import { error } from '@sveltejs/kit';
import { todayIn } from '$lib/due';
import { can } from '$lib/server/auth/roles';
import { DomainError } from '$lib/server/errors';
import { actorOf, parseOrderId } from '$lib/server/http';
import { getOrder } from '$lib/server/orders';
import { readSettings } from '$lib/server/settings';
import { listVendors } from '$lib/server/vendors';
import type { OrderPageData } from '$lib/order-page.svelte';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }): Promise<OrderPageData> => {
	const actor = actorOf(locals);
	const sql = locals.services.db.sql;
	try {
		const id = parseOrderId(params.id);
		const [order, vendors, settings] = await Promise.all([
			getOrder(sql, actor, id),
			listVendors(sql, actor),
			readSettings(sql)
		]);
		return {
			order,
			vendors,
			viewer: { id: actor.id, name: actor.name },
			today: todayIn(settings.timeZone),
			timeZone: settings.timeZone,
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
				customersRead: can(actor.role, 'customers.read')
			}
		};
	} catch (failure) {
		// Unknown order or a role that may not read orders: the app's error page, in plain words.
		if (failure instanceof DomainError && (failure.status === 404 || failure.status === 403)) {
			error(failure.status, failure.message);
		}
		throw failure;
	}
};
