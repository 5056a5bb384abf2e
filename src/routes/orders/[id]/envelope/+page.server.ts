import { actorOf, parseOrderId } from '$lib/server/http';
import { readJobEnvelope } from '$lib/server/job-envelope';
import { readPickupPlace } from '$lib/server/updates/pickup-place';
import { loadOrRefuse } from '$lib/page-errors.server';
import type { PageServerLoad } from './$types';

/** The paper that travels with the piece; the size (?size=) is the page's own, read in the browser. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = actorOf(locals);
	const envelope = await loadOrRefuse(() =>
		readJobEnvelope(
			locals.services.db.sql,
			actor,
			parseOrderId(params.id),
			url.origin,
			locals.services.publicUrl
		)
	);
	// The customer's copy names the store the piece is picked up at (a shop of several locations).
	return { envelope, pickup: await readPickupPlace(locals.services.db.sql, envelope.id) };
};
