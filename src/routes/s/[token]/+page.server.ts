import { clientAddress } from '$lib/server/auth/cookies';
import { customerStatusOr404 } from '$lib/server/updates/status-page';
import type { PageServerLoad } from './$types';

/** The customer's own page: public, reached with the order's secret link. */
export const load: PageServerLoad = async (event) => ({
	status: await customerStatusOr404(
		event.locals.services.db.sql,
		event.params.token,
		clientAddress(event)
	)
});
