import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAccounts } from '../../src/lib/server/auth/accounts';
import {
	createApiToken,
	listApiTokens,
	revokeApiToken
} from '../../src/lib/server/auth/api-tokens';
import { authenticateBearer } from '../../src/lib/server/auth/bearer';
import { signIn } from '../../src/lib/server/auth/sign-in';
import { hashToken } from '../../src/lib/server/auth/tokens';
import { verifyEventLog } from '../../src/lib/server/audit-chain';
import { getBoard } from '../../src/lib/server/board';
import { DomainError } from '../../src/lib/server/errors';
import { readEvents, type Actor } from '../../src/lib/server/events';
import { getOrderHistory } from '../../src/lib/server/history';
import { createOrder, moveOrder } from '../../src/lib/server/orders';
import { listPeople } from '../../src/lib/server/people';
import { SharedRateLimiter } from '../../src/lib/server/rate-limit';
import { registerServices, unregisterServices } from '../../src/lib/server/services';
import type { StartedServices } from '../../src/lib/server/start';
import { readWipLimitsFor, updateWipLimits } from '../../src/lib/server/wip-limits';
import { POST as postTokens } from '../../src/routes/api/v1/tokens/+server';
import { io } from 'socket.io-client';
import { throughHook } from '../helpers/hook';
import { socketServer } from '../helpers/sockets';
import { backends, createTestDatabase, firstOwner, startProcess } from '../helpers/services';
import { until } from '../helpers/until';

const bearer = (secret: string) => ({ headers: { authorization: `Bearer ${secret}` } });

async function refusal(work: () => Promise<unknown>): Promise<DomainError> {
	const error = await work().then(
		() => undefined,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(DomainError);
	return error as DomainError;
}

describe.each(backends)('API tokens on $name', (backend) => {
	let services: StartedServices;
	let owner: Actor;
	let ownerSession: string;
	const made = async (name: string, role: string, expiresAt?: string) =>
		createApiToken(services, owner, { name, role, expiresAt });

	beforeAll(async () => {
		services = await backend.start();
		registerServices(services);
		({ owner, session: ownerSession } = await firstOwner(services));
	});
	afterAll(async () => {
		if (services) unregisterServices(services);
		await services?.stop();
	});

	it('shows the secret once and keeps only its SHA-256', async () => {
		const { token, secret } = await made('POS', 'staff');
		expect(secret).toMatch(/^bbt_[a-z2-7]{32}$/);
		expect(token).toMatchObject({ name: 'POS', role: 'staff', createdBy: 'Avery Stone' });
		expect(token).not.toHaveProperty('secret');
		const [row] = await services.db.sql<{ secretHash: string }[]>`
			select secret_hash from api_tokens where id = ${token.id}`;
		expect(row.secretHash).toBe(hashToken(secret));
		// Nowhere in the database: not the tokens, not the token's users row, not the sign-in log.
		const [{ anywhere }] = await services.db.sql<{ anywhere: number }[]>`
			select (select count(*) from api_tokens t where row_to_json(t)::text like ${'%' + secret.slice(4) + '%'})
				+ (select count(*) from users u where row_to_json(u)::text like ${'%' + secret.slice(4) + '%'})
				+ (select count(*) from auth_events e where row_to_json(e)::text like ${'%' + secret.slice(4) + '%'})
				as anywhere`;
		expect(Number(anywhere)).toBe(0);
		expect((await listApiTokens(services, owner)).map((listed) => listed.name)).toContain('POS');
	});

	it('stands for its own actor, named for the history, with its role and no more', async () => {
		const { secret } = await made('Website', 'staff');
		const actor = await authenticateBearer(services, `Bearer ${secret}`);
		expect(actor).toMatchObject({ name: 'Website (API token)', role: 'staff' });
		expect(actor.tokenId).toEqual(expect.any(Number));
		expect(actor.id).not.toBe(owner.id);
		// The scheme's name is any case, as HTTP has it.
		expect(await authenticateBearer(services, `bearer ${secret}`)).toEqual(actor);
	});

	it('records the token as the actor of its changes: the history names it, the chain holds', async () => {
		const { secret } = await made('Counter POS', 'staff');
		const pos = await authenticateBearer(services, `Bearer ${secret}`);
		const { card, seq } = await createOrder(services, pos, {
			customer: { givenName: 'Hannah', familyName: 'Okafor' },
			title: 'Oval solitaire, 14k yellow gold'
		});
		await moveOrder(services, pos, card.id, {
			stage: 'design',
			afterId: null,
			version: card.version
		});
		const history = await getOrderHistory(services.db.sql, owner, card.id);
		expect(history.entries.map((entry) => entry.actor)).toEqual([
			'Counter POS (API token)',
			'Counter POS (API token)'
		]);
		const { events } = await readEvents(services.db.sql, owner, { after: String(seq! - 1) });
		expect(events[0].actor.name).toBe('Counter POS (API token)');
		expect((await verifyEventLog(services.db.sql, services.auditKey)).ok).toBe(true);
	});

	it('a bench token moves cards but cannot take in an order; a display token reads the masked board only', async () => {
		const bench = await authenticateBearer(
			services,
			`Bearer ${(await made('Bench tablet', 'bench')).secret}`
		);
		const refused = await refusal(() =>
			createOrder(services, bench, {
				customer: { givenName: 'Noor', familyName: 'Haddad' },
				title: 'Wedding band'
			})
		);
		expect(refused.status).toBe(403);
		const { card } = await createOrder(services, owner, {
			customer: { givenName: 'Noor', familyName: 'Haddad' },
			title: 'Wedding band'
		});
		await moveOrder(services, bench, card.id, { stage: 'casting', afterId: null, version: 1 });

		const display = (await made('Showroom sign', 'display')).secret;
		const shown = await getBoard(
			services.db.sql,
			await authenticateBearer(services, `Bearer ${display}`)
		);
		expect(shown.orders.find((order) => order.id === card.id)?.customerName).toBe('Noor H.');
		const order = await throughHook(`/api/v1/orders/${card.id}`, bearer(display));
		expect(order.status).toBe(403);
		expect((await order.json()).error.message).toBe('A wall display can only show the board');
		expect((await throughHook('/api/v1/board', bearer(display))).status).toBe(200);
	});

	it('a display token is no display device: it gets a display’s default view of the limits', async () => {
		await updateWipLimits(services, owner, { perJeweler: 3, jewelers: { Priya: 5 } });
		const display = await authenticateBearer(
			services,
			`Bearer ${(await made('Lobby screen', 'display')).secret}`
		);
		// Its users row's id may well be some display device's id; that device's options are not its.
		expect(await readWipLimitsFor(services.db.sql, display)).toMatchObject({ perJeweler: 3 });
	});

	it('is never owner, never one of the people, and cannot sign in', async () => {
		expect((await refusal(() => made('Root', 'owner'))).details.field).toBe('role');
		const { token } = await made('Kiosk', 'manager');
		const accounts = await listAccounts(services, owner);
		expect(accounts.map((account) => account.displayName)).toEqual(['Avery Stone']);
		const { people } = await listPeople(services.db.sql, owner);
		expect(people.map((person) => person.name)).toEqual(['Avery Stone']);
		const [{ username }] = await services.db.sql<{ username: string }[]>`
			select u.username from users u join api_tokens t on t.user_id = u.id where t.id = ${token.id}`;
		const signedIn = await refusal(() =>
			signIn(services, { username, password: 'anything at all, really', ip: null, userAgent: null })
		);
		expect(signedIn.message).toBe('Wrong username or password.');
	});

	it('a token never manages tokens, whatever its role; the owner does, signed in', async () => {
		const manager = await authenticateBearer(
			services,
			`Bearer ${(await made('Back office', 'manager')).secret}`
		);
		const refused = await refusal(() =>
			createApiToken(services, manager, { name: 'Another', role: 'staff' })
		);
		expect(refused.status).toBe(403);
		expect(refused.message).toMatch(/An API token cannot manage API tokens/);
		expect((await refusal(() => listApiTokens(services, manager))).status).toBe(403);
		expect((await refusal(() => revokeApiToken(services, manager, 1))).status).toBe(403);
	});

	it('is made through the API by the owner’s session, and never with an Idempotency-Key', async () => {
		const made = await throughHook(
			'/api/v1/tokens',
			{ method: 'POST', session: ownerSession, body: { name: 'Webshop', role: 'staff' } },
			postTokens
		);
		expect(made.status).toBe(201);
		const { secret } = await made.json();
		expect(secret).toMatch(/^bbt_/);
		const byToken = await throughHook(
			'/api/v1/tokens',
			{ method: 'POST', ...bearer(secret), body: { name: 'Sneaky', role: 'staff' } },
			postTokens
		);
		expect(byToken.status).toBe(403);
		const keyed = await throughHook(
			'/api/v1/tokens',
			{
				method: 'POST',
				session: ownerSession,
				headers: { 'idempotency-key': 'b2f8c1d4-token-once' },
				body: { name: 'Webshop 2', role: 'staff' }
			},
			postTokens
		);
		expect(keyed.status).toBe(400);
		expect((await keyed.json()).error.field).toBe('Idempotency-Key');
		const [{ kept }] = await services.db.sql<{ kept: number }[]>`
			select count(*)::int as kept from idempotency_keys`;
		expect(kept).toBe(0);
	});

	it('expires when its time comes', async () => {
		const { secret } = await made('Trial', 'staff', new Date(Date.now() + 1_000).toISOString());
		await authenticateBearer(services, `Bearer ${secret}`);
		await new Promise((resolve) => setTimeout(resolve, 1_100));
		const expired = await refusal(() => authenticateBearer(services, `Bearer ${secret}`));
		expect(expired.status).toBe(401);
		expect(expired.message).toMatch(/^This API token expired on \d{4}-/);
		const past = await refusal(() =>
			made('Too late', 'staff', new Date(Date.now() - 60_000).toISOString())
		);
		expect(past.details.field).toBe('expiresAt');
	});

	it('stops working the moment it is revoked, though its last check is still cached', async () => {
		const { token, secret } = await made('Old POS', 'staff');
		expect((await throughHook('/api/v1/board', bearer(secret))).status).toBe(200);
		await revokeApiToken(services, owner, token.id);
		const refused = await throughHook('/api/v1/board', bearer(secret));
		expect(refused.status).toBe(401);
		expect((await refused.json()).error).toMatchObject({
			code: 'unauthenticated',
			message: expect.stringMatching(/^This API token was revoked on /)
		});
		const [listed] = (await listApiTokens(services, owner)).filter((t) => t.id === token.id);
		expect(listed.revokedAt).toBeInstanceOf(Date);
	});

	it('refuses a bad bearer with 401 and never falls back to the cookie', async () => {
		const cases: [string, RegExp][] = [
			['Bearer ', /must be "Bearer <token>"/],
			['Basic YXZlcnk6cGFzcw==', /must be "Bearer <token>"/],
			['Bearer not-a-token', /not a Benchboard API token/],
			[`Bearer bbt_${'a'.repeat(32)}`, /not valid/]
		];
		for (const [authorization, message] of cases) {
			const answer = await throughHook('/api/v1/board', {
				headers: { authorization },
				session: ownerSession
			});
			expect(answer.status, authorization).toBe(401);
			expect((await answer.json()).error.message).toMatch(message);
		}
		// The same cookie alone is the owner.
		const owned = await throughHook('/api/v1/board', { session: ownerSession });
		expect((await owned.json()).actor.name).toBe('Avery Stone');
	});

	it('opens the API only: a page ignores the header, and a bearer change needs no Origin check', async () => {
		const { secret } = await made('Cross-site tool', 'staff');
		const page = await throughHook('/settings', bearer(secret));
		expect(page.status).toBe(303);
		expect(page.headers.get('location')).toMatch(/^\/login/);
		const post = await throughHook('/api/v1/orders', {
			method: 'POST',
			headers: { ...bearer(secret).headers, origin: 'https://pos.example.com' },
			body: {}
		});
		expect(post.status).toBe(200);
		expect((await post.json()).actor.name).toBe('Cross-site tool (API token)');
		// The same request with a cookie instead is refused as cross-site.
		const cookie = await throughHook('/api/v1/orders', {
			method: 'POST',
			headers: { origin: 'https://pos.example.com' },
			session: ownerSession,
			body: {}
		});
		expect(cookie.status).toBe(403);
	});

	it('never opens the live socket: that takes the session cookie alone', async () => {
		const { secret } = await made('Socket prober', 'manager');
		const server = await socketServer(services);
		try {
			const socket = io(server.url, {
				transports: ['websocket'],
				reconnection: false,
				extraHeaders: { authorization: `Bearer ${secret}` }
			});
			const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
			expect(error.message).toBe('unauthenticated');
			socket.close();
		} finally {
			await server.close();
		}
	});

	it('writes down its last use at most once a minute', async () => {
		const { token, secret } = await made('Busy POS', 'staff');
		const lastUsed = async () =>
			(
				await services.db.sql<{ lastUsedAt: Date | null }[]>`
					select last_used_at from api_tokens where id = ${token.id}`
			)[0].lastUsedAt;
		expect(await lastUsed()).toBeNull();
		await authenticateBearer(services, `Bearer ${secret}`);
		const first = await lastUsed();
		expect(first).toBeInstanceOf(Date);
		for (let i = 0; i < 3; i++) await authenticateBearer(services, `Bearer ${secret}`);
		// Read again from the database too (another process, or a cache gone cold): still once.
		services.apiTokens.clear();
		await authenticateBearer(services, `Bearer ${secret}`);
		expect(await lastUsed()).toEqual(first);
		expect(
			(await listApiTokens(services, owner)).find((t) => t.id === token.id)?.lastUsedAt
		).toEqual(first);
	});

	it('is limited per token: over its rate, 429 with Retry-After', async () => {
		const first = (await made('Chatty POS', 'staff')).secret;
		const second = (await made('Quiet POS', 'staff')).secret;
		const rate = new SharedRateLimiter('api-token-test', 3, 60_000);
		for (let i = 0; i < 3; i++) await authenticateBearer(services, `Bearer ${first}`, rate);
		const limited = await refusal(() => authenticateBearer(services, `Bearer ${first}`, rate));
		expect(limited.status).toBe(429);
		expect(limited.code).toBe('too_many_requests');
		expect(limited.details.retryAfter).toBeGreaterThan(0);
		expect(limited.details.retryAfter).toBeLessThanOrEqual(60);
		// Another token's count is its own.
		await authenticateBearer(services, `Bearer ${second}`, rate);

		// Through the hook, at the real limit (600 a minute), with the header a client waits by.
		const actor = await authenticateBearer(services, `Bearer ${second}`);
		await services.db.sql`
			insert into rate_limits (key, count, reset_at)
			values (${`api-token:${actor.tokenId}`}, 600, now() + interval '30 seconds')
			on conflict (key) do update set count = 600, reset_at = excluded.reset_at`;
		const answer = await throughHook('/api/v1/board', bearer(second));
		expect(answer.status).toBe(429);
		expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(25);
		expect((await answer.json()).error.message).toMatch(
			/more than 600 requests in a minute: try again in \d+ seconds/
		);
	});
});

const adminUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!adminUrl)('a revoked token across processes on PostgreSQL', () => {
	let database: Awaited<ReturnType<typeof createTestDatabase>>;
	let a: StartedServices;
	let b: StartedServices;

	beforeAll(async () => {
		database = await createTestDatabase(adminUrl!);
		a = await startProcess(database);
		b = await startProcess(database);
	});
	afterAll(async () => {
		await a?.stop();
		await b?.stop();
		await database?.drop();
	});

	it('is refused by the other process at once, though that process had it cached', async () => {
		const { owner } = await firstOwner(a);
		const { token, secret } = await createApiToken(a, owner, { name: 'POS', role: 'staff' });
		await authenticateBearer(b, `Bearer ${secret}`);
		expect(b.apiTokens.find(hashToken(secret))).not.toBeNull();
		await revokeApiToken(a, owner, token.id);
		// Within the time it takes a notification to travel, far less than the cache's 5 seconds.
		await until(() => b.apiTokens.find(hashToken(secret)) === null, 'B to forget the token', 1_000);
		const refused = await refusal(() => authenticateBearer(b, `Bearer ${secret}`));
		expect(refused.message).toMatch(/revoked/);
	});
});
