import { actorOf } from '$lib/server/http';
import { fail, redirect } from '@sveltejs/kit';
import { can } from '$lib/server/auth/roles';
import { DomainError } from '$lib/server/errors';
import { createOrder } from '$lib/server/orders';
import { getBoard } from '$lib/server/board';
import { readHomeLocationId } from '$lib/server/locations';
import { readNewOrderForm } from '$lib/order/new-order-form';
import { shopFormat } from '$lib/words/format';
import { readSettings } from '$lib/server/settings';
import { readBoardPreferences } from '$lib/server/preferences';
import { streamedShopHistory } from '$lib/server/forecast/cached';
import type { Actions, PageServerLoad } from './$types';

/**
 * The page is server-rendered with the top of each column only, so it paints at once however many
 * orders the shop has; the screen then loads the whole board over the API.
 */
export const load: PageServerLoad = async ({ locals }) => {
	const actor = actorOf(locals);
	const sql = locals.services.db.sql;
	const board = await getBoard(sql, actor, { perStage: 50 });
	return {
		board,
		// What the board forecasts each card from, live with every move (src/lib/forecast): streamed,
		// so the board paints without waiting for it.
		forecastHistory: streamedShopHistory(sql, board.timeZone),
		preferences: await readBoardPreferences(sql, actor),
		// When the board was current: a copy kept for offline use says "Offline: as of ...".
		renderedAt: new Date().toISOString(),
		viewer: {
			id: actor.id,
			name: actor.name,
			role: actor.role,
			canCreate: can(actor.role, 'orders.create'),
			canMove: can(actor.role, 'orders.move'),
			canManage: can(actor.role, 'accounts.manage'),
			canSeeMoney: can(actor.role, 'money.read'),
			// Where their new orders are taken in (with several locations).
			homeLocationId: await readHomeLocationId(sql, actor)
		}
	};
};

export const actions: Actions = {
	create: async ({ request, locals }) => {
		const actor = actorOf(locals);
		const money = can(actor.role, 'money.read')
			? shopFormat(await readSettings(locals.services.db.sql)).money
			: null;
		const form = readNewOrderForm(await request.formData(), { money });
		if (!form.ok) return fail(400, { field: form.field, message: form.message });
		let card;
		try {
			card = (await createOrder(locals.services, actor, form.input)).card;
		} catch (error) {
			if (error instanceof DomainError && (error.status === 400 || error.status === 403)) {
				return fail(error.status, { field: error.details.field ?? null, message: error.message });
			}
			throw error;
		}
		// The dialog opens the new order itself; a form posted without JavaScript is sent there.
		if (request.headers.get('x-sveltekit-action') !== 'true') redirect(303, `/orders/${card.id}`);
		return { created: { id: card.id, number: card.number } };
	}
};
