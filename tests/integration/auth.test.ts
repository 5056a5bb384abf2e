import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	changeRole,
	createAccount,
	disableAccount,
	resetPassword
} from '../../src/lib/server/auth/accounts';
import { signIn } from '../../src/lib/server/auth/sign-in';
import { createDisplay, revokeDisplay, signInDisplay } from '../../src/lib/server/auth/displays';
import { listSessions, revokeSession } from '../../src/lib/server/auth/session-admin';
import { signOut, validateSessionToken } from '../../src/lib/server/auth/sessions';
import { DomainError } from '../../src/lib/server/errors';
import type { Actor } from '../../src/lib/server/events';
import { createOrder, getOrder, moveOrder, updateOrder } from '../../src/lib/server/orders';
import { getBoard } from '../../src/lib/server/board';
import type { StartedServices } from '../../src/lib/server/start';
import { backends } from '../helpers/services';

describe.each(backends)('accounts, sessions and roles on $name', (backend) => {
	let services: StartedServices;
	const ended: string[] = [];
	const actors: Record<string, Actor> = {};

	async function refused(work: () => Promise<unknown>) {
		const error = await work().then(
			() => undefined,
			(e: unknown) => e
		);
		expect(error).toBeInstanceOf(DomainError);
		return error as DomainError;
	}

	async function seqNow() {
		const [{ lastSeq }] = await services.db.sql<
			{ lastSeq: number }[]
		>`select last_seq from event_counter`;
		return lastSeq;
	}

	beforeAll(async () => {
		services = await backend.start();
		services.bus.onSessionsEnded((ids) => ended.push(...ids));
	});
	afterAll(() => services?.stop());

	it('creates the first owner once, then only an owner adds accounts', async () => {
		const owner = await createAccount(services, null, {
			name: 'Avery Stone',
			username: 'Avery',
			role: 'owner',
			password: 'copper kettle sings at dawn'
		});
		expect(owner).toMatchObject({ username: 'avery', role: 'owner' });
		actors.owner = { id: owner.id, name: owner.displayName, role: 'owner' };
		const second = await refused(() =>
			createAccount(services, null, {
				name: 'Mallory',
				username: 'mallory',
				role: 'owner',
				password: 'copper kettle sings at dawn'
			})
		);
		expect(second.status).toBe(403);
		for (const [username, role] of [
			['morgan', 'manager'],
			['sam', 'staff'],
			['elena', 'bench']
		] as const) {
			const account = await createAccount(services, actors.owner, {
				name: username,
				username,
				role,
				password: `${role} walks past the river`
			});
			actors[role] = { id: account.id, name: account.displayName, role };
		}
		const byManager = await refused(() =>
			createAccount(services, actors.manager, {
				name: 'X',
				username: 'xavier',
				role: 'owner',
				password: 'copper kettle sings at dawn'
			})
		);
		expect(byManager.status).toBe(403);
	});

	it('refuses weak passwords and taken usernames, naming the field', async () => {
		const weak = await refused(() =>
			createAccount(services, actors.owner, {
				name: 'Pat',
				username: 'pat',
				role: 'staff',
				password: 'password123!'
			})
		);
		expect(weak.details.field).toBe('password');
		const short = await refused(() =>
			createAccount(services, actors.owner, {
				name: 'Pat',
				username: 'pat',
				role: 'staff',
				password: 'short'
			})
		);
		expect(short.message).toMatch(/at least 10/);
		const taken = await refused(() =>
			createAccount(services, actors.owner, {
				name: 'Sam 2',
				username: 'SAM',
				role: 'staff',
				password: 'copper kettle sings at dawn'
			})
		);
		expect(taken.details.field).toBe('username');
	});

	it('signs in with the right password only, with one message for unknown user and wrong password', async () => {
		const ok = await signIn(services, {
			username: 'Avery',
			password: 'copper kettle sings at dawn',
			ip: '10.0.0.1',
			userAgent: 'test'
		});
		expect(ok.actor).toMatchObject({ id: actors.owner.id, role: 'owner' });
		expect(ok.token).toMatch(/^[a-z2-7]{32}$/);
		const [stored] = await services.db.sql<{ id: string }[]>`select id from sessions`;
		expect(stored.id).not.toContain(ok.token);
		expect((await validateSessionToken(services.db.sql, ok.token))?.actor.id).toBe(actors.owner.id);

		const wrong = await refused(() =>
			signIn(services, {
				username: 'avery',
				password: 'nope nope nope',
				ip: '10.0.0.1',
				userAgent: null
			})
		);
		const unknown = await refused(() =>
			signIn(services, {
				username: 'nobody',
				password: 'nope nope nope',
				ip: '10.0.0.1',
				userAgent: null
			})
		);
		expect(wrong.message).toBe(unknown.message);
		expect(wrong.status).toBe(unknown.status);
	});

	it('after 5 failures an account must wait, even with the right password', async () => {
		for (let i = 0; i < 5; i++) {
			const failure = await refused(() =>
				signIn(services, {
					username: 'sam',
					password: `wrong ${i} attempt`,
					ip: '10.0.0.9',
					userAgent: null
				})
			);
			expect(failure.status).toBe(400);
		}
		const locked = await refused(() =>
			signIn(services, {
				username: 'sam',
				password: 'staff walks past the river',
				ip: '10.0.0.10',
				userAgent: null
			})
		);
		expect(locked.status).toBe(429);
		expect(locked.message).toMatch(/Try again in \d+ seconds/);
	});

	it('ends every session of an account when its password changes or it is disabled', async () => {
		const first = await signIn(services, {
			username: 'morgan',
			password: 'manager walks past the river',
			ip: null,
			userAgent: null
		});
		await resetPassword(services, actors.owner, actors.manager.id, 'a brand new river song');
		expect(await validateSessionToken(services.db.sql, first.token)).toBeNull();
		const second = await signIn(services, {
			username: 'morgan',
			password: 'a brand new river song',
			ip: null,
			userAgent: null
		});
		await disableAccount(services, actors.owner, actors.manager.id);
		expect(await validateSessionToken(services.db.sql, second.token)).toBeNull();
		expect(ended.length).toBeGreaterThanOrEqual(2);
		const disabled = await refused(() =>
			signIn(services, {
				username: 'morgan',
				password: 'a brand new river song',
				ip: null,
				userAgent: null
			})
		);
		expect(disabled.message).toBe('Wrong username or password.');
	});

	it('keeps at least one owner', async () => {
		const last = await refused(() => changeRole(services, actors.owner, actors.owner.id, 'staff'));
		expect(last.status).toBe(409);
		expect(
			(await refused(() => disableAccount(services, actors.owner, actors.owner.id))).status
		).toBe(409);
	});

	it('two owners demoting or disabling each other at once leave exactly one owner', async () => {
		for (let round = 0; round < 8; round++) {
			const other = await createAccount(services, actors.owner, {
				name: `Second owner ${round}`,
				username: `owner-${round}`,
				role: 'owner',
				password: 'copper kettle sings at dawn'
			});
			const second: typeof actors.owner = { id: other.id, name: other.displayName, role: 'owner' };
			const outcomes = await Promise.allSettled(
				round % 2
					? [
							changeRole(services, actors.owner, second.id, 'manager'),
							changeRole(services, second, actors.owner.id, 'manager')
						]
					: [
							disableAccount(services, actors.owner, second.id),
							disableAccount(services, second, actors.owner.id)
						]
			);
			expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
			const [{ owners }] = await services.db.sql<{ owners: number }[]>`
				select count(*)::int as owners from users where role = 'owner' and disabled_at is null`;
			expect(owners).toBe(1);
			// The owner who is left goes on as the test's owner.
			if (outcomes[1].status === 'fulfilled') actors.owner = second;
		}
	});

	it('enforces roles in the domain: a denied command writes nothing', async () => {
		const card = (
			await createOrder(services, actors.staff, {
				customer: {
					givenName: 'Chloe',
					familyName: 'Martin',
					phone: '555-0148',
					email: 'chloe@example.com'
				},
				title: 'Emerald engagement ring'
			})
		).card;
		const before = await seqNow();
		expect(
			(
				await refused(() =>
					createOrder(services, actors.bench, { customer: { id: card.customerId }, title: 'x' })
				)
			).status
		).toBe(403);
		expect(
			(
				await refused(() =>
					updateOrder(services, actors.bench, card.id, { version: 1, rush: true })
				)
			).status
		).toBe(403);
		expect(await seqNow()).toBe(before);
		// The bench may move cards, and sees the piece without the customer's phone or email.
		const moved = (
			await moveOrder(services, actors.bench, card.id, {
				stage: 'design',
				afterId: null,
				version: 1
			})
		).card;
		expect(moved.stage).toBe('design');
		const benchView = await getOrder(services.db.sql, actors.bench, card.id);
		expect(benchView.customer).toMatchObject({ givenName: 'Chloe', phone: null, email: null });
		expect((await getOrder(services.db.sql, actors.staff, card.id)).customer.phone).toBe(
			'555-0148'
		);
	});

	it('a display reads a masked board, can change nothing, and is signed out when revoked', async () => {
		const { display, linkToken } = await createDisplay(services, actors.owner, {
			name: 'Workshop TV'
		});
		expect(await signInDisplay(services, 'a'.repeat(32), { ip: null, userAgent: null })).toBeNull();
		const session = await signInDisplay(services, linkToken, { ip: null, userAgent: 'TV' });
		const viewer = (await validateSessionToken(services.db.sql, session!.token))!;
		expect(viewer.actor).toMatchObject({ role: 'display', name: 'Workshop TV' });
		const board = await getBoard(services.db.sql, viewer.actor);
		expect(board.orders.length).toBeGreaterThan(0);
		expect(JSON.stringify(board)).not.toContain('Martin');
		expect(board.orders.find((o) => o.title === 'Emerald engagement ring')?.customerName).toBe(
			'Chloe M.'
		);
		const card = board.orders[0];
		expect(
			(
				await refused(() =>
					moveOrder(services, viewer.actor, card.id, {
						stage: 'ready',
						afterId: null,
						version: card.version
					})
				)
			).status
		).toBe(403);
		expect((await refused(() => getOrder(services.db.sql, viewer.actor, card.id))).status).toBe(
			403
		);

		await revokeDisplay(services, actors.owner, display.id);
		expect(await validateSessionToken(services.db.sql, session!.token)).toBeNull();
		expect(ended).toContain(viewer.session.id);
		expect(await signInDisplay(services, linkToken, { ip: null, userAgent: 'TV' })).toBeNull();
	});

	it('lets the owner see and end any session', async () => {
		const bench = await signIn(services, {
			username: 'elena',
			password: 'bench walks past the river',
			ip: '10.0.0.7',
			userAgent: 'Tablet'
		});
		const sessions = await listSessions(services, actors.owner);
		const mine = sessions.find((s) => s.who === 'elena' && s.ip === '10.0.0.7');
		expect(mine).toMatchObject({ kind: 'user', userAgent: 'Tablet' });
		expect((await refused(() => listSessions(services, actors.staff))).status).toBe(403);
		await revokeSession(services, actors.owner, mine!.id);
		expect(await validateSessionToken(services.db.sql, bench.token)).toBeNull();
		expect(ended).toContain(mine!.id);
		expect((await refused(() => revokeSession(services, actors.owner, mine!.id))).status).toBe(404);
	});

	it('signing out ends the session, closes its sockets and is on the sign-in log', async () => {
		const bench = await signIn(services, {
			username: 'elena',
			password: 'bench walks past the river',
			ip: '10.0.0.9',
			userAgent: 'Tablet'
		});
		const { session, actor } = (await validateSessionToken(services.db.sql, bench.token))!;
		await signOut(services, session, actor, '10.0.0.9');
		expect(await validateSessionToken(services.db.sql, bench.token)).toBeNull();
		expect(ended).toContain(session.id);
		const [last] = await services.db.sql<{ type: string; userId: number; ip: string }[]>`
			select type, user_id, ip from auth_events order by id desc limit 1`;
		expect(last).toEqual({ type: 'signout', userId: actor.id, ip: '10.0.0.9' });
		// A second sign-out of the same session (another tab) ends nothing and logs nothing.
		await signOut(services, session, actor, '10.0.0.9');
		const [{ count }] = await services.db.sql<{ count: number }[]>`
			select count(*)::int as count from auth_events where type = 'signout'`;
		expect(count).toBe(1);
	});

	it('records sign-ins, failures and account changes with who and where', async () => {
		const rows = await services.db.sql<
			{ type: string; ip: string | null }[]
		>`select type, ip from auth_events order by id`;
		const types = rows.map((r) => r.type);
		for (const type of [
			'account.created',
			'signin',
			'signin.failed',
			'account.password_reset',
			'account.disabled',
			'display.created',
			'display.signin',
			'display.revoked',
			'session.revoked'
		]) {
			expect(types).toContain(type);
		}
		expect(rows.find((r) => r.type === 'signin.failed')?.ip).toBe('10.0.0.1');
	});
});
