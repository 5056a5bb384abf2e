import { removeStone, updateStone } from '$lib/server/stones';
import { methodNotAllowed, orderCommand, parseId, readJson } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const PATCH: RequestHandler = (event) =>
	orderCommand(event, async (services, actor, id) =>
		updateStone(
			services,
			actor,
			id,
			parseId(event.params.stoneId, 'Stone'),
			await readJson(event.request)
		)
	);

/** DELETE takes the version it saw in the query: ?version=3. */
export const DELETE: RequestHandler = (event) =>
	orderCommand(event, (services, actor, id) => {
		const version = event.url.searchParams.get('version');
		return removeStone(services, actor, id, parseId(event.params.stoneId, 'Stone'), {
			version: version === null ? undefined : /^\d{1,10}$/.test(version) ? Number(version) : version
		});
	});

export const fallback: RequestHandler = methodNotAllowed;
