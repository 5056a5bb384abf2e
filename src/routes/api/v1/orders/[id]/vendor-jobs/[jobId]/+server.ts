import { updateVendorJob } from '$lib/server/vendor-jobs';
import { methodNotAllowed, orderCommand, parseId, readJson } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const PATCH: RequestHandler = (event) =>
	orderCommand(event, async (services, actor, id) =>
		updateVendorJob(
			services,
			actor,
			id,
			parseId(event.params.jobId, 'Outside job'),
			await readJson(event.request)
		)
	);

export const fallback: RequestHandler = methodNotAllowed;
