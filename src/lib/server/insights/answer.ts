import type { RequestEvent } from '@sveltejs/kit';
import { respond } from '../http';

export interface ChartAnswer {
	format: 'json' | 'csv';
	body: unknown;
	csv: () => string;
	fileName: string;
}

/**
 * An Insights answer as JSON, or as a CSV download with `?format=csv`; a refusal or bad input is
 * answered by `respond` either way, as JSON with its status.
 */
export async function answerChart(
	event: RequestEvent,
	work: () => Promise<ChartAnswer>
): Promise<Response> {
	let file: Response | null = null;
	const answer = await respond(event, async () => {
		const result = await work();
		if (result.format === 'csv') {
			file = new Response(result.csv(), {
				headers: {
					'content-type': 'text/csv; charset=utf-8',
					'content-disposition': `attachment; filename="${result.fileName}"`,
					'cache-control': 'no-store'
				}
			});
		}
		return result.body;
	});
	return file ?? answer;
}
