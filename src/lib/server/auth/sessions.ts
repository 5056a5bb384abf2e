import type { Sql, Tx } from '../db';
import type { Actor } from '../events';
import type { Services } from '../services';
import { transaction } from '../transaction';
import { recordAuthEvent } from './audit';
import type { Role } from './roles';
import type { SessionCache } from './session-cache';
import { generateToken, hashToken } from './tokens';

const DAY = 86_400_000;
/** A person's session slides forward while used, up to an absolute lifetime. */
const USER_IDLE = 30 * DAY;
const USER_LIFETIME = 90 * DAY;
/** A wall display stays signed in for months, until its device is revoked. */
const DISPLAY_IDLE = 180 * DAY;
const DISPLAY_LIFETIME = 400 * DAY;

export const SESSION_COOKIE = 'bb_session';

export interface Session {
	id: string;
	expiresAt: Date;
	kind: 'user' | 'display';
	/** The display device, for a display's session. */
	displayId: number | null;
	/** True when this request moved the expiry forward: only then does the cookie need resending. */
	extended: boolean;
}

export interface SessionStart {
	userId?: number;
	displayId?: number;
	ip?: string | null;
	userAgent?: string | null;
}

export async function createSession(
	sql: Sql,
	start: SessionStart
): Promise<{ token: string; expiresAt: Date }> {
	const token = generateToken();
	const expiresAt = new Date(Date.now() + (start.displayId ? DISPLAY_IDLE : USER_IDLE));
	await sql`
		insert into sessions (id, user_id, display_id, expires_at, ip, user_agent)
		values (${hashToken(token)}, ${start.userId ?? null}, ${start.displayId ?? null}, ${expiresAt},
			${start.ip ?? null}, ${start.userAgent?.slice(0, 300) ?? null})`;
	return { token, expiresAt };
}

/**
 * The session and actor behind a token, or null; from `cache` when it validated the session moments
 * ago. Expired sessions, and those of a disabled account
 * or a revoked display, are deleted on sight. A session past half its idle time is extended.
 */
export async function validateSessionToken(
	sql: Sql,
	token: string,
	cache?: SessionCache
): Promise<{ session: Session; actor: Actor } | null> {
	if (!/^[a-z2-7]{32}$/.test(token)) return null;
	const id = hashToken(token);
	if (!cache) return readSession(sql, id);
	// An extension made by a read that is then read again must still reach the cookie; a kept
	// session never asks to resend it.
	let extended = false;
	const found = await cache.read(id, async () => {
		const read = await readSession(sql, id);
		extended ||= read?.session.extended ?? false;
		return read && { value: read, expiresAt: read.session.expiresAt };
	});
	return found && { actor: found.actor, session: { ...found.session, extended } };
}

async function readSession(
	sql: Sql,
	id: string
): Promise<{ session: Session; actor: Actor } | null> {
	const [row] = await sql<
		{
			expiresAt: Date;
			createdAt: Date;
			userId: number | null;
			displayId: number | null;
			userName: string | null;
			role: Role | null;
			disabledAt: Date | null;
			displayName: string | null;
			revokedAt: Date | null;
		}[]
	>`
		select s.expires_at, s.created_at, s.user_id, s.display_id, u.display_name as user_name, u.role,
			u.disabled_at, d.name as display_name, d.revoked_at
		from sessions s
		left join users u on u.id = s.user_id
		left join display_devices d on d.id = s.display_id
		where s.id = ${id}`;
	if (!row) return null;
	const display = row.displayId !== null;
	const now = Date.now();
	const lifetimeEnd = row.createdAt.getTime() + (display ? DISPLAY_LIFETIME : USER_LIFETIME);
	if (row.expiresAt.getTime() <= now || lifetimeEnd <= now || row.disabledAt || row.revokedAt) {
		await sql`delete from sessions where id = ${id}`;
		return null;
	}
	let expiresAt = row.expiresAt;
	const idle = display ? DISPLAY_IDLE : USER_IDLE;
	const extended = expiresAt.getTime() - now < idle / 2;
	if (extended) {
		expiresAt = new Date(Math.min(now + idle, lifetimeEnd));
		await sql`update sessions set expires_at = ${expiresAt} where id = ${id}`;
	}
	const session: Session = {
		id,
		expiresAt,
		kind: display ? 'display' : 'user',
		displayId: row.displayId,
		extended
	};
	const actor: Actor = display
		? { id: row.displayId!, name: row.displayName!, role: 'display' }
		: { id: row.userId!, name: row.userName!, role: row.role! };
	return { session, actor };
}

/**
 * Ending sessions always does both: the rows go, so their cookies stop working, and the bus closes
 * their sockets. Callers cannot do one without the other.
 */
async function endSessions(services: Services, ended: Promise<{ id: string }[]>): Promise<void> {
	services.bus.endSessions((await ended).map((row) => row.id));
}

/**
 * Signing out: the session ends and, for a person (not a wall display), the sign-in log says so, in
 * one transaction; then its sockets close.
 */
export function signOut(
	services: Services,
	session: Session,
	actor: Actor,
	ip: string | null
): Promise<void> {
	return endSessions(
		services,
		transaction(services.db.sql, async (tx) => {
			const ended = await tx<{ id: string }[]>`
				delete from sessions where id = ${session.id} returning id`;
			if (ended.length && session.kind === 'user')
				await recordAuthEvent(tx, { type: 'signout', userId: actor.id, actorId: actor.id, ip });
			return ended;
		})
	);
}

/** Deletes every session of an account inside a transaction; the caller closes their sockets after commit. */
export async function deleteUserSessions(tx: Tx, userId: number): Promise<string[]> {
	const rows = await tx<
		{ id: string }[]
	>`delete from sessions where user_id = ${userId} returning id`;
	return rows.map((row) => row.id);
}

export function invalidateDisplaySessions(services: Services, displayId: number): Promise<void> {
	return endSessions(
		services,
		services.db.sql<{ id: string }[]>`
		delete from sessions where display_id = ${displayId} returning id`
	);
}
