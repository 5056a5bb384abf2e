import { DomainError } from '../errors';
import type { Actor } from '../events';
import { SharedInFlight } from '../rate-limit';
import type { Services } from '../services';
import { recordAuthEvent } from './audit';
import { hashPassword, verifyPassword } from './password';
import type { Role } from './roles';
import { createSession } from './sessions';

/** An account waits after 5 failures; an address (a whole shop behind one router) after 20. */
const FAILURES_BEFORE_DELAY = { username: 5, ip: 20 };
const WINDOW_MINUTES = 60;
/** The wait named to guesses sent all at once beyond the limit. */
const AT_ONCE_WAIT_MS = 30_000;
/** Sign-ins under way, so guesses sent at once count before their failures are on the log. */
const underWay = new SharedInFlight('signin', 60_000);

/**
 * Past the limit each further try waits longer: 30 s, 1 min, 2 min... Tries still under way count as
 * failures, so a burst sent at once (to one process or several) tries no more than the limit.
 */
async function signInDelay(
	services: Services,
	column: 'username' | 'ip',
	value: string,
	others: number
): Promise<number> {
	const [row] = await services.db.sql<{ failures: number; last: Date | null }[]>`
		select count(*)::int as failures, max(created_at) as last
		from auth_events
		where type = 'signin.failed' and ${services.db.sql(column)} = ${value}
			and created_at > now() - make_interval(mins => ${WINDOW_MINUTES})
			and created_at > coalesce((
				select max(created_at) from auth_events where type = 'signin' and ${services.db.sql(column)} = ${value}
			), '-infinity')`;
	const limit = FAILURES_BEFORE_DELAY[column];
	if (!row.last || row.failures < limit) return row.failures + others < limit ? 0 : AT_ONCE_WAIT_MS;
	const wait = 30_000 * 2 ** Math.min(10, row.failures - limit);
	const left = row.last.getTime() + wait - Date.now();
	// The wait is over: one more try, not one for each request sent at once.
	if (left <= 0) return others === 0 ? 0 : AT_ONCE_WAIT_MS;
	return left;
}

// Compared against when the username is unknown, so both cases take the same time.
let dummyHash: Promise<string> | undefined;

/**
 * A person signs in with a password. Guessing is limited by the failures on the sign-in log and the
 * tries under way, both in the database, so the limits hold across every process.
 */
export async function signIn(
	services: Services,
	input: { username: unknown; password: unknown; ip: string | null; userAgent: string | null }
): Promise<{ token: string; expiresAt: Date; actor: Actor }> {
	const login = String(input.username ?? '')
		.trim()
		.toLowerCase()
		.slice(0, 64);
	const password = String(input.password ?? '');
	const sql = services.db.sql;
	const keys = [`username:${login}`, ...(input.ip ? [`ip:${input.ip}`] : [])];
	const others = await Promise.all(keys.map((key) => underWay.enter(sql, key)));
	try {
		return await checkSignIn(services, login, password, input, others);
	} finally {
		await Promise.all(keys.map((key) => underWay.leave(sql, key)));
	}
}

async function checkSignIn(
	services: Services,
	login: string,
	password: string,
	input: { ip: string | null; userAgent: string | null },
	[othersForName, othersForIp]: number[]
): Promise<{ token: string; expiresAt: Date; actor: Actor }> {
	const wait = Math.max(
		await signInDelay(services, 'username', login, othersForName),
		input.ip ? await signInDelay(services, 'ip', input.ip, othersForIp) : 0
	);
	if (wait > 0) {
		throw new DomainError(
			429,
			'too_many_attempts',
			`Too many failed sign-ins. Try again in ${Math.ceil(wait / 1000)} seconds.`
		);
	}
	const [user] = await services.db.sql<
		{
			id: number;
			displayName: string;
			role: Role;
			passwordHash: string | null;
			disabledAt: Date | null;
		}[]
	>`
		select id, display_name, role, password_hash, disabled_at from users
		where username = ${login} and role in ('owner', 'manager', 'staff', 'bench')`;
	dummyHash ??= hashPassword('benchboard-timing-equaliser');
	const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash), password);
	if (!user || !valid || user.disabledAt) {
		await recordAuthEvent(services.db.sql, {
			type: 'signin.failed',
			userId: user?.id ?? null,
			username: login,
			ip: input.ip
		});
		throw new DomainError(400, 'invalid', 'Wrong username or password.', { field: 'password' });
	}
	const session = await createSession(services.db.sql, {
		userId: user.id,
		ip: input.ip,
		userAgent: input.userAgent
	});
	await recordAuthEvent(services.db.sql, {
		type: 'signin',
		userId: user.id,
		actorId: user.id,
		username: login,
		ip: input.ip
	});
	return { ...session, actor: { id: user.id, name: user.displayName, role: user.role } };
}
