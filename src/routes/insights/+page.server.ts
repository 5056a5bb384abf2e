import { error } from '@sveltejs/kit';
import { can } from '$lib/server/auth/roles';
import { actorOf } from '$lib/server/http';
import { readChart } from '$lib/server/insights';
import { atRiskOrders } from '$lib/server/forecast/at-risk';
import { readLocationSummaries } from '$lib/server/locations';
import { log } from '$lib/server/log';
import { loadOrRefuse } from '$lib/page-errors.server';
import type { ChartOf } from '$lib/insights/charts';
import type { PageServerLoad } from './$types';

/** Every chart for the period, piece type and location in the URL; owner and manager only, as /settings guards. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = actorOf(locals);
	if (!can(actor.role, 'insights.read')) error(403, 'Only the owner and managers see Insights.');
	const sql = locals.services.db.sql;
	// The form's "All pieces" and "All locations" send an empty value: the same as not choosing.
	const query = Object.fromEntries(
		[...url.searchParams].filter(
			([name, value]) => ['from', 'to', 'pieceType', 'location'].includes(name) && value !== ''
		)
	);
	const read = <N extends Parameters<typeof readChart>[2]>(name: N) =>
		loadOrRefuse(() => readChart(sql, actor, name, query));
	// Forecasting every open order may read the shop's history first (seconds on a big shop): the
	// page paints with the charts and the list arrives after, streamed.
	const cycle = await read('cycle-time');
	const atRisk = atRiskOrders(sql, actor, undefined, cycle.scope.locationId).catch((failure) => {
		log.error({ err: failure }, 'could not forecast the open orders for Insights');
		return null;
	});
	return {
		atRisk,
		locations: await readLocationSummaries(sql),
		scope: {
			from: cycle.scope.from,
			to: cycle.scope.to,
			pieceType: cycle.scope.pieceType,
			locationId: cycle.scope.locationId
		},
		cycleTime: cycle.chart as ChartOf<'cycle-time'>,
		throughput: (await read('throughput')).chart as ChartOf<'throughput'>,
		flow: (await read('flow')).chart as ChartOf<'flow'>,
		aging: (await read('aging')).chart as ChartOf<'aging'>,
		onTime: (await read('on-time')).chart as ChartOf<'on-time'>,
		waits: (await read('waits')).chart as ChartOf<'waits'>
	};
};
