import { z } from 'zod';
import { text } from '../../validation';
import { DomainError, invalid, notFound, parseInput } from '../errors';
import type { Sql, Tx } from '../db';
import type { Actor } from '../events';
import type { Services } from '../services';
import { transaction } from '../transaction';
import { recordAuthEvent } from './audit';
import { requirePermission, TOKEN_ROLES } from './roles';
import { generateToken, hashToken } from './tokens';

export type TokenRole = (typeof TOKEN_ROLES)[number];

/** Every secret starts so: a leaked one is found by a search of code, logs or chat for "bbt_". */
export const TOKEN_PREFIX = 'bbt_';
export const TOKEN_PATTERN = /^bbt_[a-z2-7]{32}$/;

export interface ApiToken {
	id: number;
	name: string;
	role: TokenRole;
	createdBy: string;
	createdAt: Date;
	expiresAt: Date | null;
	lastUsedAt: Date | null;
	revokedAt: Date | null;
}

export const newTokenSchema = z.strictObject({
	name: text(60),
	role: z.enum(TOKEN_ROLES, {
		error: `must be one of ${TOKEN_ROLES.join(', ')} (a token is never owner)`
	}),
	expiresAt: z.iso
		.datetime({ offset: true, error: 'must be an ISO 8601 time, e.g. 2027-01-31T18:00:00Z' })
		.nullable()
		.optional()
});

/** A token never manages tokens, whatever its role: only the owner, signed in. */
function requireOwnerSignedIn(actor: Actor): void {
	if (actor.tokenId !== undefined) {
		throw new DomainError(
			403,
			'forbidden',
			'An API token cannot manage API tokens: the owner does that, signed in'
		);
	}
	requirePermission(actor, 'accounts.manage', 'Only the owner manages API tokens');
}

/** One token by id, or every token: live first, newest first; revoked ones stay for the record. */
function readTokens(q: Sql | Tx, id?: number): Promise<ApiToken[]> {
	return q<ApiToken[]>`
		select t.id, t.name, t.role, c.display_name as created_by, t.created_at, t.expires_at,
			t.last_used_at, t.revoked_at
		from api_tokens t join users c on c.id = t.created_by
		${id === undefined ? q`` : q`where t.id = ${id}`}
		order by t.revoked_at is not null, t.created_at desc, t.id desc`;
}

/**
 * Makes a token and the users row its changes are recorded under ("POS (API token)"). The secret
 * is returned this once; only its SHA-256 is kept.
 */
export async function createApiToken(
	services: Services,
	actor: Actor,
	input: unknown,
	ip: string | null = null
): Promise<{ token: ApiToken; secret: string }> {
	requireOwnerSignedIn(actor);
	const data = parseInput(newTokenSchema, input);
	const expiresAt = data.expiresAt ? new Date(data.expiresAt) : null;
	if (expiresAt && expiresAt.getTime() <= Date.now())
		throw invalid('expiresAt', 'must be in the future');
	const secret = TOKEN_PREFIX + generateToken();
	return transaction(services.db.sql, async (tx) => {
		const [taken] = await tx`
			select 1 from api_tokens where lower(name) = lower(${data.name}) and revoked_at is null`;
		if (taken) throw invalid('name', `${data.name} is taken by a live token: revoke it first`);
		const [{ id }] = await tx<{ id: number }[]>`select nextval('api_tokens_id_seq')::int as id`;
		const [user] = await tx<{ id: number }[]>`
			insert into users (username, display_name, role)
			values (${`api-token:${id}`}, ${`${data.name} (API token)`}, 'api_token')
			returning id`;
		await tx`
			insert into api_tokens (id, user_id, name, role, secret_hash, created_by, expires_at)
			values (${id}, ${user.id}, ${data.name}, ${data.role}, ${hashToken(secret)}, ${actor.id},
				${expiresAt})`;
		await recordAuthEvent(tx, {
			type: 'token.created',
			userId: user.id,
			actorId: actor.id,
			ip,
			detail: { tokenId: id, name: data.name, role: data.role, expiresAt }
		});
		const [token] = await readTokens(tx, id);
		return { token, secret };
	});
}

export async function listApiTokens(services: Services, actor: Actor): Promise<ApiToken[]> {
	requireOwnerSignedIn(actor);
	return readTokens(services.db.sql);
}

/**
 * Revoking takes effect at once on every process: the token's next request is refused, since its
 * cached copy is forgotten through the bus (the path of ended sessions) after the commit.
 */
export async function revokeApiToken(
	services: Services,
	actor: Actor,
	id: number,
	ip: string | null = null
): Promise<ApiToken> {
	requireOwnerSignedIn(actor);
	const { token, secretHash } = await transaction(services.db.sql, async (tx) => {
		const [revoked] = await tx<{ secretHash: string; userId: number; name: string }[]>`
			update api_tokens
			set revoked_at = coalesce(revoked_at, now()), revoked_by = coalesce(revoked_by, ${actor.id})
			where id = ${id}
			returning secret_hash, user_id, name`;
		if (!revoked) throw notFound(`API token ${id}`);
		await recordAuthEvent(tx, {
			type: 'token.revoked',
			userId: revoked.userId,
			actorId: actor.id,
			ip,
			detail: { tokenId: id, name: revoked.name }
		});
		const [token] = await readTokens(tx, id);
		return { token, secretHash: revoked.secretHash };
	});
	services.bus.endSessions([secretHash]);
	return token;
}
