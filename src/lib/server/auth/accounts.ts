import { z } from 'zod';
import { DomainError, invalid, notFound, parseInput } from '../errors';
import type { Actor } from '../events';
import type { Tx } from '../db';
import type { Services } from '../services';
import { recordAuthEvent, type AuthEventType } from './audit';
import { hashPassword, passwordProblem } from './password';
import { requirePermission, STAFF_ROLES, type Role } from './roles';
import { deleteUserSessions } from './sessions';
import { FIRST_OWNER_LOCK } from './setup-code';
import { transaction } from '../transaction';
import { text } from '../../validation';

const username = z
	.string({ error: 'must be text' })
	.trim()
	.toLowerCase()
	.regex(/^[a-z0-9._-]{3,32}$/, 'must be 3 to 32 letters, digits, dots, dashes or underscores');
const name = text(80);
const role = z.enum(STAFF_ROLES, { error: `must be one of ${STAFF_ROLES.join(', ')}` });

export const newAccountSchema = z.strictObject({
	username,
	name,
	role,
	password: z.string({ error: 'is required' })
});

export interface Account {
	id: number;
	username: string;
	displayName: string;
	role: Role;
	disabledAt: Date | null;
	createdAt: Date;
	lastSignInAt: Date | null;
	/** Where their new orders are taken in, and their board's first view; null: the first store. */
	homeLocationId: number | null;
}

/** People's accounts: not the shop's built-in actor, nor the users rows of API tokens. */
export async function countAccounts(services: Services): Promise<number> {
	const [{ count }] = await services.db.sql<{ count: number }[]>`
		select count(*)::int as count from users where role in ('owner', 'manager', 'staff', 'bench')`;
	return count;
}

function checkPassword(password: string, context: { username?: string; name?: string }) {
	const problem = passwordProblem(password, context);
	if (problem) throw invalid('password', problem);
}

/**
 * Creates a staff account. With no actor it is the first run's owner, allowed only while no account
 * exists; otherwise only an owner may add accounts.
 */
export async function createAccount(
	services: Services,
	actor: Actor | null,
	input: unknown,
	ip: string | null = null
): Promise<Account> {
	const data = parseInput(newAccountSchema, input);
	if (actor) requirePermission(actor, 'accounts.manage');
	checkPassword(data.password, { username: data.username, name: data.name });
	const passwordHash = await hashPassword(data.password);
	return transaction(services.db.sql, async (tx) => {
		if (!actor) {
			// The first owner: one at a time, and only while there is none.
			await tx`select pg_advisory_xact_lock(${FIRST_OWNER_LOCK})`;
			const [{ count }] = await tx<
				{ count: number }[]
			>`select count(*)::int as count from users where role in ('owner', 'manager', 'staff', 'bench')`;
			if (count > 0)
				throw new DomainError(403, 'forbidden', 'Benchboard is already set up: sign in instead');
			if (data.role !== 'owner') throw invalid('role', 'of the first account must be owner');
		}
		const [taken] = await tx`select 1 from users where username = ${data.username}`;
		if (taken) throw invalid('username', `${data.username} is taken`);
		const [account] = await tx<Account[]>`
			insert into users (username, display_name, role, password_hash)
			values (${data.username}, ${data.name}, ${data.role}, ${passwordHash})
			returning id, username, display_name, role, disabled_at, created_at, null::timestamptz as last_sign_in_at`;
		// Whoever made it (/setup, `npm run user`), every process's setup code is spent with it.
		await tx`delete from setup_codes`;
		await recordAuthEvent(tx, {
			type: 'account.created',
			userId: account.id,
			actorId: actor?.id ?? account.id,
			username: account.username,
			ip,
			detail: { role: account.role }
		});
		return account;
	});
}

export async function listAccounts(services: Services, actor: Actor): Promise<Account[]> {
	requirePermission(actor, 'accounts.manage');
	return services.db.sql<Account[]>`
		select u.id, u.username, u.display_name, u.role, u.disabled_at, u.created_at, u.home_location_id,
			(select max(created_at) from auth_events e where e.user_id = u.id and e.type = 'signin') as last_sign_in_at
		from users u where u.role in ('owner', 'manager', 'staff', 'bench')
		order by u.disabled_at nulls first, u.display_name`;
}

/**
 * One change to an account, with the sessions it ends and its audit row, in one transaction. The
 * active owners are locked first (in id order, always, so every account change takes its locks in
 * the same order and none can deadlock another), then the account's row: two owners demoting each
 * other at once take turns, and the second is told it would remove the last owner.
 */
async function changeAccount(
	services: Services,
	actor: Actor,
	id: number,
	ip: string | null,
	change: (
		tx: Tx,
		account: Account
	) => Promise<{
		type: AuthEventType;
		detail?: Record<string, unknown>;
		losesOwner: boolean;
	} | null>
): Promise<void> {
	const ended = await transaction(services.db.sql, async (tx) => {
		const owners = await tx<{ id: number }[]>`
			select id from users where role = 'owner' and disabled_at is null order by id for update`;
		const [account] = await tx<Account[]>`
			select id, username, display_name, role, disabled_at, created_at, home_location_id,
				null::timestamptz as last_sign_in_at
			from users where id = ${id} and role in ('owner', 'manager', 'staff', 'bench') for update`;
		if (!account) throw notFound(`Account ${id}`);
		const done = await change(tx, account);
		if (!done) return [];
		if (done.losesOwner && owners.every((owner) => owner.id === id)) {
			throw new DomainError(
				409,
				'conflict',
				`${account.displayName} is the only owner: make someone else owner first`
			);
		}
		const sessions = await deleteUserSessions(tx, id);
		await recordAuthEvent(tx, {
			type: done.type,
			userId: id,
			actorId: actor.id,
			username: account.username,
			ip,
			detail: done.detail
		});
		return sessions;
	});
	// A changed account's open sockets close, so they reconnect (or not) as it is now.
	services.bus.endSessions(ended);
}

export async function changeRole(
	services: Services,
	actor: Actor,
	id: number,
	newRole: unknown,
	ip: string | null = null
): Promise<void> {
	requirePermission(actor, 'accounts.manage');
	const data = parseInput(z.strictObject({ role }), { role: newRole });
	await changeAccount(services, actor, id, ip, async (tx, account) => {
		if (account.role === data.role) return null;
		await tx`update users set role = ${data.role} where id = ${id}`;
		return {
			type: 'account.role_changed',
			detail: { from: account.role, to: data.role },
			losesOwner: account.role === 'owner' && !account.disabledAt
		};
	});
}

export async function disableAccount(
	services: Services,
	actor: Actor,
	id: number,
	ip: string | null = null
): Promise<void> {
	requirePermission(actor, 'accounts.manage');
	await changeAccount(services, actor, id, ip, async (tx, account) => {
		if (account.disabledAt) return null;
		await tx`update users set disabled_at = now() where id = ${id}`;
		return { type: 'account.disabled', losesOwner: account.role === 'owner' };
	});
}

export async function resetPassword(
	services: Services,
	actor: Actor,
	id: number,
	password: unknown,
	ip: string | null = null
): Promise<void> {
	if (actor.id !== id) requirePermission(actor, 'accounts.manage');
	if (typeof password !== 'string') throw invalid('password', 'is required');
	const [known] = await services.db.sql<Account[]>`
		select username, display_name from users where id = ${id} and role in ('owner', 'manager', 'staff', 'bench')`;
	if (!known) throw notFound(`Account ${id}`);
	checkPassword(password, { username: known.username, name: known.displayName });
	// Hashed before the transaction: scrypt takes a while and holds no lock.
	const hash = await hashPassword(password);
	await changeAccount(services, actor, id, ip, async (tx) => {
		await tx`update users set password_hash = ${hash} where id = ${id}`;
		return { type: 'account.password_reset', losesOwner: false };
	});
}
