import { chartCsv } from '$lib/insights/csv';
import { actorOf, methodNotAllowed } from '$lib/server/http';
import { answerChart } from '$lib/server/insights/answer';
import { readChart } from '$lib/server/insights';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	answerChart(event, async () => {
		const query = Object.fromEntries(event.url.searchParams);
		const { chart, scope } = await readChart(
			event.locals.services.db.sql,
			actorOf(event.locals),
			event.params.chart,
			query
		);
		return {
			format: query.format === 'csv' ? 'csv' : 'json',
			body: { ...chart, from: scope.from, to: scope.to, pieceType: scope.pieceType },
			csv: () => chartCsv(chart),
			fileName: `benchboard-${chart.chart}-${scope.from}-to-${scope.to}.csv`
		};
	});

export const fallback: RequestHandler = methodNotAllowed;
