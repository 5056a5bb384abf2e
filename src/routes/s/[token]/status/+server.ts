import { json } from '@sveltejs/kit';
import { clientAddress } from '$lib/server/auth/cookies';
import { customerStatusOr404 } from '$lib/server/updates/status-page';
import type { RequestHandler } from './$types';

/** The same status as JSON, for the page to refresh itself. */
export const GET: RequestHandler = async (event) =>
	json(
		await customerStatusOr404(
			event.locals.services.db.sql,
			event.params.token,
			clientAddress(event)
		),
		{ headers: { 'cache-control': 'no-store' } }
	);
