import { importReport } from '$lib/server/imports';
import { actorOf, methodNotAllowed, parseId, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** The report as a CSV download; a refusal is JSON with its status, as everywhere in the API. */
export const GET: RequestHandler = async (event) => {
	let file: Response | null = null;
	const answer = await respond(event, async () => {
		const id = parseId(event.params.id ?? '', 'Import');
		const csv = await importReport(event.locals.services.db.sql, actorOf(event.locals), id);
		file = new Response(csv, {
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="benchboard-import-${id}-report.csv"`,
				'cache-control': 'no-store'
			}
		});
		return null;
	});
	return file ?? answer;
};

export const fallback: RequestHandler = methodNotAllowed;
