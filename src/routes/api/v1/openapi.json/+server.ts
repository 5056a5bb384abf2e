import { json } from '@sveltejs/kit';
import { buildDocument } from '$lib/server/openapi/document';
import { methodNotAllowed } from '$lib/server/http';
import type { RequestHandler } from './$types';

let document: ReturnType<typeof buildDocument> | undefined;

/** The API's OpenAPI 3.1 document: public, as it holds no data, only the API's shape. */
export const GET: RequestHandler = () => {
	document ??= buildDocument();
	return json(document, { headers: { 'cache-control': 'public, max-age=300' } });
};

export const fallback: RequestHandler = methodNotAllowed;
