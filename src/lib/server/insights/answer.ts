import type { RequestEvent } from '@sveltejs/kit';
import { respondWithFile } from '../http';

export interface ChartAnswer {
	format: 'json' | 'csv';
	body: unknown;
	csv: () => string;
	fileName: string;
}

/**
 * An Insights answer as JSON, or as a CSV download with `?format=csv`; a refusal or bad input is
 * answered as JSON with its status either way.
 */
export function answerChart(
	event: RequestEvent,
	work: () => Promise<ChartAnswer>
): Promise<Response> {
	return respondWithFile(event, async () => {
		const result = await work();
		return result.format === 'csv'
			? { fileName: result.fileName, contentType: 'text/csv; charset=utf-8', body: result.csv() }
			: { json: result.body };
	});
}
