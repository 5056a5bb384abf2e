import { redirect } from '@sveltejs/kit';
import { getBoard } from '$lib/server/board';
import { actorOf } from '$lib/server/http';
import { readDisplayOptions } from '$lib/server/auth/displays';
import type { PageServerLoad } from './$types';

/** The wall display's board: read-only, and masked by getBoard for the display role. */
export const load: PageServerLoad = async ({ locals }) => {
	const actor = actorOf(locals);
	if (actor.role !== 'display') redirect(303, '/');
	return {
		board: await getBoard(locals.services.db.sql, actor, { perStage: 40 }),
		displayName: actor.name,
		options: await readDisplayOptions(locals.services.db.sql, actor.id)
	};
};
