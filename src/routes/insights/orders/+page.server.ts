import { error } from '@sveltejs/kit';
import { can } from '$lib/server/auth/roles';
import { actorOf } from '$lib/server/http';
import { readOrdersBehind } from '$lib/server/insights';
import { readLocationSummaries } from '$lib/server/locations';
import { loadOrRefuse } from '$lib/page-errors.server';
import type { PageServerLoad } from './$types';

/** The orders behind one bar, day or kind of an Insights chart. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = actorOf(locals);
	if (!can(actor.role, 'insights.read')) error(403, 'Only the owner and managers see Insights.');
	const query = Object.fromEntries(url.searchParams);
	const chart = query.chart ?? '';
	delete query.chart;
	const behind = await loadOrRefuse(() =>
		readOrdersBehind(locals.services.db.sql, actor, chart, query)
	);
	return {
		chart,
		bucket: behind.bucket,
		orders: behind.orders,
		locations: await readLocationSummaries(locals.services.db.sql),
		scope: {
			from: behind.scope.from,
			to: behind.scope.to,
			pieceType: behind.scope.pieceType,
			locationId: behind.scope.locationId
		}
	};
};
