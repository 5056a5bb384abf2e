import { fail, redirect } from '@sveltejs/kit';
import { can } from '$lib/server/auth/roles';
import { DomainError } from '$lib/server/errors';
import { actorOf, parseId } from '$lib/server/http';
import { listSettingsChanges } from '$lib/server/settings-trail';
import { createVendor, listVendors, updateVendor } from '$lib/server/vendors';
import { loadOrRefuse } from '$lib/page-errors.server';
import type { Actions, PageServerLoad } from './$types';

const FIELDS = ['name', 'kind', 'contactName', 'phone', 'email', 'notes'] as const;

export const load: PageServerLoad = async ({ locals }) => {
	const actor = actorOf(locals);
	const canManage = can(actor.role, 'vendors.manage');
	return {
		vendors: await loadOrRefuse(() => listVendors(locals.services.db.sql, actor)),
		canManage,
		changes: canManage
			? await listSettingsChanges(locals.services, actor, { only: 'vendors', limit: 30 })
			: []
	};
};

/** Runs a vendor command; a refusal keeps what was typed and names the field it is about. */
async function attempt(form: FormData, work: (values: Record<string, string>) => Promise<unknown>) {
	const values = Object.fromEntries(FIELDS.map((name) => [name, String(form.get(name) ?? '')]));
	const vendorId = String(form.get('id') ?? '') || null;
	try {
		await work(values);
	} catch (caught) {
		if (!(caught instanceof DomainError)) throw caught;
		// A second vendor of the same name is the only conflict there is.
		const field = caught.details.field ?? (caught.status === 409 ? 'name' : null);
		return fail(caught.status, { vendorId, values, field, message: caught.message });
	}
	redirect(303, '/vendors');
}

export const actions: Actions = {
	create: async ({ request, locals }) => {
		const form = await request.formData();
		return attempt(form, (values) => createVendor(locals.services.db.sql, actorOf(locals), values));
	},
	update: async ({ request, locals }) => {
		const form = await request.formData();
		return attempt(form, (values) =>
			updateVendor(
				locals.services.db.sql,
				actorOf(locals),
				parseId(String(form.get('id') ?? ''), 'Vendor'),
				values
			)
		);
	}
};
