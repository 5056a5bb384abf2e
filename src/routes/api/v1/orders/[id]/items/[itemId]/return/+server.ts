import { returnItem } from '$lib/server/custody';
import { methodNotAllowed, orderCommand, parseId, readJson } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) =>
	orderCommand(event, async (services, actor, id) =>
		returnItem(
			services,
			actor,
			id,
			parseId(event.params.itemId, 'Item'),
			await readJson(event.request)
		)
	);

export const fallback: RequestHandler = methodNotAllowed;
