import { fail, redirect } from '@sveltejs/kit';
import { can } from '$lib/server/auth/roles';
import { getCustomerProfile, updateCustomer } from '$lib/server/customers';
import { DomainError } from '$lib/server/errors';
import { actorOf, parseId } from '$lib/server/http';
import { loadOrRefuse } from '$lib/page-errors.server';
import { CUSTOMER_FIELDS } from '$lib/validation';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const actor = actorOf(locals);
	const sql = locals.services.db.sql;
	const profile = await loadOrRefuse(() =>
		getCustomerProfile(sql, actor, parseId(params.id, 'Customer'))
	);
	return {
		profile,
		canEdit: can(actor.role, 'customers.edit')
	};
};

export const actions: Actions = {
	update: async ({ request, locals, params }) => {
		const form = await request.formData();
		const values = {
			...Object.fromEntries(
				CUSTOMER_FIELDS.filter((name) => name !== 'notificationsOff').map((name) => [
					name,
					String(form.get(name) ?? '')
				])
			),
			// A checkbox: "on" when ticked, absent when not.
			notificationsOff: form.get('sendUpdates') !== 'on'
		};
		try {
			const id = parseId(params.id, 'Customer');
			await updateCustomer(locals.services, actorOf(locals), id, values);
		} catch (caught) {
			if (!(caught instanceof DomainError)) throw caught;
			return fail(caught.status, {
				values,
				field: caught.details.field ?? null,
				message: caught.message
			});
		}
		redirect(303, `/customers/${params.id}`);
	}
};
