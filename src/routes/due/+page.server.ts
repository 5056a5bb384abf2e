import { redirect } from '@sveltejs/kit';
import { actorOf } from '$lib/server/http';
import { getBoard } from '$lib/server/board';
import { streamedShopHistory } from '$lib/server/forecast/cached';
import { loadOrRefuse } from '$lib/page-errors.server';
import type { PageServerLoad } from './$types';

/**
 * Every open order, not the top of each column: a due list that left some out would say "nothing
 * overdue" when there is. The view (?view=calendar) is read by the page, so switching it loads
 * nothing again.
 */
export const load: PageServerLoad = async ({ locals }) => {
	const actor = actorOf(locals);
	// The hook already keeps a wall display to its board; this page must never be its fallback.
	if (actor.role === 'display') redirect(303, '/display');
	const board = await loadOrRefuse(() => getBoard(locals.services.db.sql, actor));
	// Streamed: the list paints without waiting for the forecast history.
	return {
		board,
		forecastHistory: streamedShopHistory(locals.services.db.sql, board.timeZone)
	};
};
