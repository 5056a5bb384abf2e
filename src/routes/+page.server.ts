import { actorOf } from '$lib/server/http';
import { fail } from '@sveltejs/kit';
import { can } from '$lib/server/auth/roles';
import { DomainError } from '$lib/server/errors';
import { createOrder, getBoard } from '$lib/server/orders';
import type { Actions, PageServerLoad } from './$types';

/**
 * The page is server-rendered with the top of each column only, so it paints at once however many
 * orders the shop has; the screen then loads the whole board over the API.
 */
export const load: PageServerLoad = async ({ locals }) => {
	const actor = actorOf(locals);
	return {
		board: await getBoard(locals.services.db.sql, actor, { perStage: 50 }),
		viewer: {
			name: actor.name,
			role: actor.role,
			canCreate: can(actor.role, 'orders.create'),
			canMove: can(actor.role, 'orders.move'),
			canManage: can(actor.role, 'accounts.manage')
		}
	};
};

export const actions: Actions = {
	create: async ({ request, locals }) => {
		const form = await request.formData();
		const text = (name: string) => String(form.get(name) ?? '');
		const values = {
			givenName: text('givenName'),
			familyName: text('familyName'),
			phone: text('phone'),
			title: text('title'),
			dueDate: text('dueDate'),
			rush: form.get('rush') === 'on',
			assignee: text('assignee')
		};
		try {
			const card = await createOrder(locals.services, actorOf(locals), {
				customer: {
					givenName: values.givenName,
					familyName: values.familyName,
					phone: values.phone
				},
				title: values.title,
				dueDate: values.dueDate || null,
				rush: values.rush,
				assignee: values.assignee
			});
			return { created: { id: card.id, number: card.number } };
		} catch (error) {
			if (error instanceof DomainError && error.status === 400) {
				return fail(400, { values, field: error.details.field ?? null, message: error.message });
			}
			throw error;
		}
	}
};
