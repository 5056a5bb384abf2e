import { notFound } from '../errors';
import type { Actor } from '../events';
import type { Services } from '../services';
import { recordAuthEvent } from './audit';
import { requirePermission } from './roles';

export interface ActiveSession {
	id: string;
	who: string;
	kind: 'user' | 'display';
	createdAt: Date;
	expiresAt: Date;
	ip: string | null;
	userAgent: string | null;
}

/** Every session that could still be used, for the owner to see and end. */
export async function listSessions(services: Services, actor: Actor): Promise<ActiveSession[]> {
	requirePermission(actor, 'accounts.manage');
	return services.db.sql<ActiveSession[]>`
		select s.id, coalesce(u.display_name, d.name) as who,
			case when s.display_id is null then 'user' else 'display' end as kind,
			s.created_at, s.expires_at, s.ip, s.user_agent
		from sessions s
		left join users u on u.id = s.user_id
		left join display_devices d on d.id = s.display_id
		where s.expires_at > now()
		order by s.created_at desc`;
}

/** Ends one session at once: its cookie stops working and its sockets close. */
export async function revokeSession(
	services: Services,
	actor: Actor,
	sessionId: string,
	ip: string | null = null
): Promise<void> {
	requirePermission(actor, 'accounts.manage');
	const [ended] = await services.db.sql<{ userId: number | null; displayId: number | null }[]>`
		delete from sessions where id = ${sessionId} returning user_id, display_id`;
	if (!ended) throw notFound('That session');
	services.bus.endSessions([sessionId]);
	await recordAuthEvent(services.db.sql, {
		type: 'session.revoked',
		userId: ended.userId,
		actorId: actor.id,
		ip,
		detail: ended.displayId ? { displayId: ended.displayId } : {}
	});
}
