import { json, type RequestEvent } from '@sveltejs/kit';
import type { CardAnswer, OrderAnswer } from '../api/answers';
import { DomainError, notFound } from './errors';
import { claimOf, withClaim } from './idempotency';
import type { Actor } from './events';
import { getOrder } from './order-record';
import type { Services } from './services';
import { log } from './log';

/** Runs an API handler: a DomainError becomes its status and message, anything else a logged 500. */
export async function respond(event: RequestEvent, work: () => Promise<unknown>, status = 200) {
	try {
		const claim = await claimOf(event.request, event.route.id, event.locals.actor?.id);
		if (!claim) return json(await work(), { status });
		// Sent with an Idempotency-Key: applied once, and the same answer every time it is sent.
		const answer = await withClaim(event.locals.services.db.sql, claim, async () => ({
			status,
			body: await work()
		}));
		return json(answer.body, {
			status: answer.status,
			headers: answer.replayed ? { 'idempotent-replayed': 'true' } : {}
		});
	} catch (error) {
		if (error instanceof DomainError) return json(error.toJSON(), { status: error.status });
		// The route, not the path: a path may carry a secret (a status page's token).
		log.error(
			{ method: event.request.method, route: event.route.id, err: error },
			'API request failed'
		);
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

/** A file an API answers with: CSV or JSON lines, whole or streamed as it is read. */
export interface Download {
	fileName: string;
	contentType: string;
	body: string | ReadableStream<Uint8Array>;
}

/**
 * Runs an API handler whose answer is a file, or JSON (`{ json }`); a refusal or bad input is
 * answered by `respond`, as JSON with its status, before any file is sent.
 */
export async function respondWithFile(
	event: RequestEvent,
	work: () => Promise<Download | { json: unknown }>
): Promise<Response> {
	let file: Download | null = null;
	const answer = await respond(event, async () => {
		const result = await work();
		if ('json' in result) return result.json;
		file = result;
		return null;
	});
	if (!file) return answer;
	const { body, contentType, fileName } = file as Download;
	return new Response(body, {
		headers: {
			'content-type': contentType,
			'content-disposition': `attachment; filename="${fileName}"`,
			'cache-control': 'no-store'
		}
	});
}

/** No order's JSON comes near this; only uploads (streamed to disk) are larger. */
const MAX_JSON_BYTES = 512 * 1024;

/** The request body as JSON, or a 400 that says why not. */
export async function readJson(request: Request): Promise<unknown> {
	const mediaType = request.headers.get('content-type')?.split(';')[0].trim().toLowerCase();
	if (mediaType !== 'application/json') {
		throw new DomainError(
			400,
			'invalid',
			'body must be JSON, sent with Content-Type: application/json',
			{ field: 'body' }
		);
	}
	let text: string;
	try {
		text = await request.text();
	} catch (error) {
		// adapter-node refuses bodies over BODY_SIZE_LIMIT (512 kB by default) while they stream in.
		if ((error as { status?: number }).status === 413) {
			throw new DomainError(413, 'too_large', 'body is too large', { field: 'body' });
		}
		throw error;
	}
	if (Buffer.byteLength(text) > MAX_JSON_BYTES) {
		throw new DomainError(413, 'too_large', 'body is too large', { field: 'body' });
	}
	try {
		return JSON.parse(text);
	} catch {
		throw new DomainError(400, 'invalid', 'body is not valid JSON', { field: 'body' });
	}
}

/** Answers a method an API path does not take in the API's JSON, not as plain text. */
export const methodNotAllowed = ({ request, url }: RequestEvent) =>
	json(
		{
			error: {
				code: 'method_not_allowed',
				message: `${url.pathname} does not take ${request.method}`
			}
		},
		{ status: 405 }
	);

/** An id from the URL: anything that is not a plain positive integer names nothing there is. */
export function parseId(raw: string, what: string): number {
	const id = /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : NaN;
	if (!Number.isSafeInteger(id) || id > 2_147_483_647) throw notFound(`${what} ${raw}`);
	return id;
}

export const parseOrderId = (raw: string) => parseId(raw, 'Order');

/**
 * Runs a command on the card of the order named in the URL (move, undo, pick up) with the request's
 * JSON body; its answer, `{ seq, card }`, is the response.
 */
export function cardCommand(
	event: RequestEvent,
	command: (
		services: Services,
		actor: Actor,
		orderId: number,
		input: unknown
	) => Promise<CardAnswer>
) {
	return respond(event, async () =>
		command(
			event.locals.services,
			actorOf(event.locals),
			parseOrderId(event.params.id ?? ''),
			await readJson(event.request)
		)
	);
}

/** Runs a command on the order named in the URL; `work` answers its event's seq. */
export function orderCommand(
	event: RequestEvent,
	work: (services: Services, actor: Actor, orderId: number) => Promise<number | null>,
	status = 200
) {
	return respond(
		event,
		async (): Promise<OrderAnswer> => {
			const actor = actorOf(event.locals);
			const orderId = parseOrderId(event.params.id ?? '');
			const seq = await work(event.locals.services, actor, orderId);
			return { seq, order: await getOrder(event.locals.services.db.sql, actor, orderId) };
		},
		status
	);
}

/** The signed-in actor; the hook has already turned anonymous requests away, this makes it certain. */
export function actorOf(locals: App.Locals): Actor {
	if (!locals.actor) throw new DomainError(401, 'unauthenticated', 'Sign in first');
	return locals.actor;
}
