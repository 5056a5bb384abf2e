import type { Sql, Tx } from '../db';

export type AuthEventType =
	| 'signin'
	| 'signin.failed'
	| 'signout'
	| 'session.revoked'
	| 'account.created'
	| 'account.role_changed'
	| 'account.disabled'
	| 'account.password_reset'
	| 'display.created'
	| 'display.link_renewed'
	| 'display.revoked'
	| 'display.signin'
	| 'token.created'
	| 'token.revoked';

/** Records who did what to which account or device, when and from where. */
export async function recordAuthEvent(
	q: Sql | Tx,
	event: {
		type: AuthEventType;
		userId?: number | null;
		actorId?: number | null;
		username?: string | null;
		ip?: string | null;
		detail?: Record<string, unknown>;
	}
): Promise<void> {
	await q`
		insert into auth_events (type, user_id, actor_id, username, ip, detail)
		values (${event.type}, ${event.userId ?? null}, ${event.actorId ?? null},
			${event.username?.toLowerCase() ?? null}, ${event.ip ?? null}, ${q.json((event.detail ?? {}) as never)})`;
}

export interface AuthEventRow {
	id: number;
	type: AuthEventType;
	username: string | null;
	actorName: string | null;
	ip: string | null;
	detail: Record<string, unknown>;
	createdAt: Date;
}

export async function recentAuthEvents(sql: Sql, limit = 100): Promise<AuthEventRow[]> {
	return sql<AuthEventRow[]>`
		select e.id, e.type, coalesce(e.username, u.username) as username, a.display_name as actor_name,
			e.ip, e.detail, e.created_at
		from auth_events e
		left join users u on u.id = e.user_id
		left join users a on a.id = e.actor_id
		order by e.id desc
		limit ${limit}`;
}
