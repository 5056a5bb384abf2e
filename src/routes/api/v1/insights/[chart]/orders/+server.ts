import { ordersBehindCsv } from '$lib/insights/csv';
import { actorOf, methodNotAllowed } from '$lib/server/http';
import { answerChart } from '$lib/server/insights/answer';
import { readOrdersBehind } from '$lib/server/insights';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	answerChart(event, async () => {
		const query = Object.fromEntries(event.url.searchParams);
		const { orders, scope, bucket } = await readOrdersBehind(
			event.locals.services.db.sql,
			actorOf(event.locals),
			event.params.chart,
			query
		);
		return {
			format: query.format === 'csv' ? 'csv' : 'json',
			body: { chart: event.params.chart, bucket, from: scope.from, to: scope.to, orders },
			csv: () => ordersBehindCsv(orders, 'Business days'),
			fileName: `benchboard-${event.params.chart}-orders.csv`
		};
	});

export const fallback: RequestHandler = methodNotAllowed;
