import { json, type RequestEvent } from '@sveltejs/kit';
import { DomainError, notFound } from './errors';

/** Runs an API handler: a DomainError becomes its status and message, anything else a logged 500. */
export async function respond(event: RequestEvent, work: () => Promise<unknown>, status = 200) {
	try {
		return json(await work(), { status });
	} catch (error) {
		if (error instanceof DomainError) return json(error.toJSON(), { status: error.status });
		console.error('API request failed', {
			method: event.request.method,
			path: event.url.pathname,
			error
		});
		return json(
			{
				error: {
					code: 'internal',
					message: 'Something went wrong on our side. Nothing was changed.'
				}
			},
			{ status: 500 }
		);
	}
}

/** The request body as JSON, or a 400 that says why not. */
export async function readJson(request: Request): Promise<unknown> {
	if (!request.headers.get('content-type')?.includes('application/json')) {
		throw new DomainError(
			400,
			'invalid',
			'body must be JSON, sent with Content-Type: application/json',
			{ field: 'body' }
		);
	}
	try {
		return await request.json();
	} catch {
		throw new DomainError(400, 'invalid', 'body is not valid JSON', { field: 'body' });
	}
}

/** An order id from the URL: anything that is not a plain positive integer is an unknown order. */
export function parseOrderId(raw: string): number {
	const id = /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : NaN;
	if (!Number.isSafeInteger(id) || id > 2_147_483_647) throw notFound(`Order ${raw}`);
	return id;
}
