import type { Sql } from '../db';
import { DomainError } from '../errors';
import type { Actor } from '../events';
import { SharedRateLimiter } from '../rate-limit';
import type { Services } from '../services';
import { TOKEN_PATTERN, type TokenRole } from './api-tokens';
import { hashToken } from './tokens';

/** A valid token as the cache keeps it, by the SHA-256 of its secret. */
export interface TokenHolder {
	actor: Actor;
	/** When its use was last written down (ms since the epoch), to write it at most once a minute. */
	lastUsedAt: number | null;
}

/** Each token's requests per minute, counted in the database across every process. */
export const TOKEN_RATE = new SharedRateLimiter('api-token', 600, 60_000);
const USE_NOTED_EVERY_MS = 60_000;

const refuse = (message: string) => new DomainError(401, 'unauthenticated', message);

/**
 * Who an `Authorization: Bearer <token>` header stands for. Refused with 401 and a reason when the
 * header or the token is not good (never a fall back to the cookie), with 429 when the token sent
 * more than its rate. A token checked moments ago is not read again (services.apiTokens), and a
 * revoked one is forgotten on every process at once (revokeApiToken).
 */
export async function authenticateBearer(
	services: Services,
	header: string,
	rate: SharedRateLimiter = TOKEN_RATE
): Promise<Actor> {
	const secret = /^Bearer +(\S+) *$/i.exec(header)?.[1];
	if (!secret) throw refuse('The Authorization header must be "Bearer <token>"');
	if (!TOKEN_PATTERN.test(secret))
		throw refuse('That is not a Benchboard API token: they start with bbt_');
	const sql = services.db.sql;
	const secretHash = hashToken(secret);
	let refusal = 'This API token is not valid: it may have been mistyped';
	const holder = await services.apiTokens.read(secretHash, async () => {
		const found = await readToken(sql, secretHash);
		if (typeof found === 'string') refusal = found;
		return typeof found === 'string' ? null : found;
	});
	if (!holder) throw refuse(refusal);
	const { allowed, retryAfterSeconds } = await rate.attempt(sql, String(holder.actor.tokenId));
	if (!allowed) {
		throw new DomainError(
			429,
			'too_many_requests',
			`This API token sent more than ${rate.limit} requests in a minute: try again in ${retryAfterSeconds} seconds`,
			{ retryAfter: retryAfterSeconds }
		);
	}
	await noteUse(sql, holder);
	return holder.actor;
}

/** The token behind a secret's hash, or why it may not be used. */
async function readToken(
	sql: Sql,
	secretHash: string
): Promise<{ value: TokenHolder; expiresAt: Date | null } | string | null> {
	const [row] = await sql<
		{
			id: number;
			userId: number;
			name: string;
			role: TokenRole;
			expiresAt: Date | null;
			lastUsedAt: Date | null;
			revokedAt: Date | null;
		}[]
	>`
		select t.id, t.user_id, u.display_name as name, t.role, t.expires_at, t.last_used_at,
			t.revoked_at
		from api_tokens t join users u on u.id = t.user_id
		where t.secret_hash = ${secretHash}`;
	if (!row) return null;
	if (row.revokedAt) return `This API token was revoked on ${row.revokedAt.toISOString()}`;
	if (row.expiresAt && row.expiresAt.getTime() <= Date.now())
		return `This API token expired on ${row.expiresAt.toISOString()}`;
	return {
		value: {
			actor: { id: row.userId, name: row.name, role: row.role, tokenId: row.id },
			lastUsedAt: row.lastUsedAt?.getTime() ?? null
		},
		expiresAt: row.expiresAt
	};
}

/** Writes down the token's last use, at most once a minute (the cached holder remembers when). */
async function noteUse(sql: Sql, holder: TokenHolder): Promise<void> {
	const now = Date.now();
	if (holder.lastUsedAt !== null && now - holder.lastUsedAt < USE_NOTED_EVERY_MS) return;
	holder.lastUsedAt = now;
	await sql`
		update api_tokens set last_used_at = now()
		where id = ${holder.actor.tokenId!}
			and (last_used_at is null or last_used_at < now() - make_interval(secs => 60))`;
}
