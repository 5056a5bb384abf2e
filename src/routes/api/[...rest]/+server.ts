import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** Unknown API paths answer in JSON like the rest of the API, not with an HTML page. */
export const fallback: RequestHandler = ({ url }) =>
	json(
		{ error: { code: 'not_found', message: `There is no API at ${url.pathname}` } },
		{ status: 404 }
	);
