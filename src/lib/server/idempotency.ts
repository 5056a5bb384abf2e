import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import type { Sql, Tx } from './db';
import { DomainError } from './errors';

/**
 * Changes sent with an `Idempotency-Key` header are applied once (issue #20): a bench screen
 * replays what it queued offline, and a retry after a timeout or a reload must not move a card
 * twice. The key is claimed by the first write transaction of the request, inside it, so the key
 * exists exactly when the change does; the answer is stored right after, to be given again.
 */
export interface Claim {
	userId: number;
	key: string;
	fingerprint: string;
	/** Claimed by a transaction that committed. */
	claimed: boolean;
}

/**
 * One store for the whole process: the server entry and SvelteKit's bundle each load their own
 * copy of this module, and a request's claim must reach whichever copy runs its transaction.
 */
const STORE = Symbol.for('benchboard.idempotency');
const requests: AsyncLocalStorage<Claim> = ((globalThis as Record<symbol, unknown>)[STORE] ??=
	new AsyncLocalStorage<Claim>()) as AsyncLocalStorage<Claim>;

export const HEADER = 'Idempotency-Key';
const KEY = /^[A-Za-z0-9_.:-]{8,200}$/;
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** How long a second request waits for the first one's answer (it committed, its answer is due). */
const ANSWER_WAIT_MS = 2_000;

/** The claim a request makes, or null: no key, or a method that changes nothing. */
export async function claimOf(
	request: Request,
	routeId: string | null,
	userId: number | undefined
): Promise<Claim | null> {
	const key = request.headers.get(HEADER);
	if (key === null || !MUTATING.has(request.method) || userId === undefined) return null;
	if (!KEY.test(key))
		throw new DomainError(
			400,
			'invalid',
			`${HEADER} must be 8 to 200 letters, digits or - _ . : (a UUID is a good one)`,
			{ field: HEADER }
		);
	return { userId, key, fingerprint: await fingerprintOf(request, routeId), claimed: false };
}

/**
 * The method, the route with its ids and the body: a JSON body by its hash; an upload, which is
 * streamed to disk and never held whole, by its type and length.
 */
async function fingerprintOf(request: Request, routeId: string | null): Promise<string> {
	const type = request.headers.get('content-type') ?? '';
	const path = new URL(request.url).pathname;
	const body = type.startsWith('application/json')
		? createHash('sha256')
				.update(await bodyText(request))
				.digest('base64url')
		: `${type.split(';')[0]} ${request.headers.get('content-length') ?? ''}`;
	return `${request.method} ${routeId ?? ''} ${path} ${body}`;
}

/** The body as text, refused as too large the way the API's own JSON reading refuses it. */
async function bodyText(request: Request): Promise<string> {
	try {
		return await request.clone().text();
	} catch (error) {
		if ((error as { status?: number }).status === 413)
			throw new DomainError(413, 'too_large', 'body is too large', { field: 'body' });
		throw error;
	}
}

/** The same key arrived again: the first request's answer is given instead of running it again. */
class Replay extends Error {
	constructor(readonly claim: Claim) {
		super('replay');
	}
}

/**
 * Runs a request's work with its claim. The first time: the work runs and its answer is kept. Any
 * later time: the kept answer, with `replayed` set; a key first used for another request is
 * refused, naming the header, and changes nothing.
 */
export async function withClaim<T>(
	sql: Sql,
	claim: Claim,
	work: () => Promise<{ status: number; body: T }>
): Promise<{ status: number; body: unknown; replayed: boolean }> {
	try {
		const answer = await requests.run(claim, work);
		if (claim.claimed)
			await sql`update idempotency_keys set status = ${answer.status},
				answer = ${sql.json(answer.body as never)}
				where user_id = ${claim.userId} and key = ${claim.key}`;
		return { ...answer, replayed: false };
	} catch (error) {
		if (!(error instanceof Replay)) throw error;
		return { ...(await keptAnswer(sql, error.claim)), replayed: true };
	}
}

/**
 * Called first in every write transaction: claims the request's key, if it has one and has not
 * claimed it yet; answers the claim it made. A key already there (the insert waits for a transaction claiming it right now)
 * ends this transaction before it changes anything.
 */
export async function claimIn(tx: Tx): Promise<Claim | null> {
	const claim = requests.getStore();
	if (!claim || claim.claimed) return null;
	const inserted = await tx`insert into idempotency_keys (user_id, key, fingerprint)
		values (${claim.userId}, ${claim.key}, ${claim.fingerprint})
		on conflict do nothing returning 1`;
	if (inserted.length === 0) throw new Replay(claim);
	// The caller marks it claimed once this transaction commits.
	return claim;
}

async function keptAnswer(sql: Sql, claim: Claim): Promise<{ status: number; body: unknown }> {
	const deadline = Date.now() + ANSWER_WAIT_MS;
	for (;;) {
		const [kept] = await sql<{ fingerprint: string; status: number | null; answer: unknown }[]>`
			select fingerprint, status, answer from idempotency_keys
			where user_id = ${claim.userId} and key = ${claim.key}`;
		if (kept && kept.fingerprint !== claim.fingerprint)
			throw new DomainError(
				422,
				'key_reused',
				`${HEADER} ${claim.key} was already used for another request; make a new key for a new change`,
				{ field: HEADER }
			);
		if (kept?.status != null) return { status: kept.status, body: kept.answer };
		// Let go meanwhile (a week old), or its answer lost (its process stopped after the commit):
		// applied, with nothing to answer with.
		if (!kept || Date.now() > deadline)
			throw new DomainError(
				409,
				'already_applied',
				'This change was already applied; reload to see it',
				{ field: HEADER }
			);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

/**
 * Runs work that is not the request's change (a cleanup after it failed) without its claim: a
 * transaction there must not take the key, or the change, sent again, would count as done.
 */
export const outsideClaim = <T>(work: () => Promise<T>): Promise<T> => requests.exit(work);

/** Keys are kept a week: far longer than any screen stays offline with changes queued. */
export async function forgetOldKeys(sql: Sql): Promise<void> {
	await sql`delete from idempotency_keys where created_at < now() - interval '7 days'`;
}
