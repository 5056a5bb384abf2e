import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/lib/server/auth/accounts';
import { DomainError } from '../../src/lib/server/errors';
import type { Actor } from '../../src/lib/server/events';
import { claimOf, forgetOldKeys, withClaim } from '../../src/lib/server/idempotency';
import { createOrder, moveOrder } from '../../src/lib/server/orders';
import type { StartedServices } from '../../src/lib/server/start';
import type { CardAnswer } from '../../src/lib/api/answers';
import { backends } from '../helpers/services';

/**
 * A change sent with an Idempotency-Key (issue #20: a bench screen replays what it queued offline)
 * is applied once however often it arrives, and answered the same each time. Each request here
 * goes the way the API's `respond` takes it: its claim, then the command inside it.
 */
describe.each(backends)('idempotency keys on $name', (backend) => {
	let services: StartedServices;
	let owner: Actor;
	let staff: Actor;

	beforeAll(async () => {
		services = await backend.start();
		const first = await createAccount(services, null, {
			name: 'Avery Stone',
			username: 'avery',
			role: 'owner',
			password: 'copper kettle sings at dawn'
		});
		owner = { id: first.id, name: first.displayName, role: 'owner' };
		const second = await createAccount(services, owner, {
			name: 'Sam Ortiz',
			username: 'sam',
			role: 'staff',
			password: 'brass lantern hums at noon'
		});
		staff = { id: second.id, name: second.displayName, role: 'staff' };
	});
	afterAll(() => services?.stop());

	const newCard = async () =>
		(
			await createOrder(services, owner, {
				customer: { givenName: 'Grace', familyName: 'Whitfield', phone: '555-0133' },
				title: 'Pendant from grandmother’s diamond'
			})
		).card;

	/** A move sent to the API as a bench screen sends it, by `who`, with `key`. */
	async function sendMove(who: Actor, key: string | null, id: number, body: object) {
		const text = JSON.stringify(body);
		const request = new Request(`http://shop.test/api/v1/orders/${id}/move`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
			body: text
		});
		const claim = await claimOf(request, '/api/v1/orders/[id]/move', who.id);
		const run = async () => ({
			status: 200,
			body: await moveOrder(services, who, id, JSON.parse(text))
		});
		if (!claim) return { ...(await run()), replayed: false };
		return withClaim(services.db.sql, claim, run);
	}

	const eventCount = async (orderId: number) =>
		(
			await services.db.sql<{ n: number }[]>`
				select count(*)::int as n from order_events where order_id = ${orderId}`
		)[0].n;

	const failure = (promise: Promise<unknown>) =>
		promise.then(
			() => undefined,
			(error: unknown) => error as DomainError
		);

	it('applies a move sent twice with one key once, and answers the same both times', async () => {
		const card = await newCard();
		const before = await eventCount(card.id);
		const body = { stage: 'design', afterId: null, version: card.version };
		const first = await sendMove(staff, 'queued-move-0001', card.id, body);
		const again = await sendMove(staff, 'queued-move-0001', card.id, body);
		expect(first.replayed).toBe(false);
		expect(again).toEqual({ ...first, replayed: true });
		expect((again.body as CardAnswer).card.stage).toBe('design');
		expect(await eventCount(card.id)).toBe(before + 1);
	});

	it('applies a move once when its copies arrive at the same time', async () => {
		const card = await newCard();
		const before = await eventCount(card.id);
		const body = { stage: 'casting', afterId: null, version: card.version };
		const answers = await Promise.all(
			[1, 2, 3].map(() => sendMove(staff, 'queued-move-race-01', card.id, body))
		);
		expect(answers.filter((answer) => !answer.replayed)).toHaveLength(1);
		for (const answer of answers) expect(answer.body).toEqual(answers[0].body);
		expect(await eventCount(card.id)).toBe(before + 1);
	});

	it('refuses a key used before for another change, naming the header, and changes nothing', async () => {
		const card = await newCard();
		await sendMove(staff, 'queued-move-0002', card.id, {
			stage: 'design',
			afterId: null,
			version: card.version
		});
		const before = await eventCount(card.id);
		const error = await failure(
			sendMove(staff, 'queued-move-0002', card.id, {
				stage: 'setting',
				afterId: null,
				version: card.version + 1
			})
		);
		expect(error).toBeInstanceOf(DomainError);
		expect(error).toMatchObject({ status: 422, code: 'key_reused' });
		expect(error!.details.field).toBe('Idempotency-Key');
		expect(await eventCount(card.id)).toBe(before);
	});

	it('keeps each person’s keys apart', async () => {
		const card = await newCard();
		const moved = await sendMove(staff, 'shared-key-0001', card.id, {
			stage: 'design',
			afterId: null,
			version: card.version
		});
		const version = (moved.body as CardAnswer).card.version;
		const theirs = await sendMove(owner, 'shared-key-0001', card.id, {
			stage: 'casting',
			afterId: null,
			version
		});
		expect(theirs.replayed).toBe(false);
		expect((theirs.body as CardAnswer).card.stage).toBe('casting');
	});

	it('keeps no key for a change that was refused, so a corrected retry is applied', async () => {
		const card = await newCard();
		const stale = { stage: 'design', afterId: null, version: card.version + 5 };
		const error = await failure(sendMove(staff, 'queued-move-0003', card.id, stale));
		expect(error).toMatchObject({ status: 409, code: 'conflict' });
		const kept = await services.db.sql`
			select 1 from idempotency_keys where user_id = ${staff.id} and key = 'queued-move-0003'`;
		expect(kept).toHaveLength(0);
		const retried = await sendMove(staff, 'queued-move-0003', card.id, {
			...stale,
			version: card.version
		});
		expect(retried.replayed).toBe(false);
		expect((retried.body as CardAnswer).card.stage).toBe('design');
	});

	it('refuses a key that is not one, naming the header', async () => {
		const request = new Request('http://shop.test/api/v1/orders/1/move', {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'idempotency-key': 'no spaces!' },
			body: '{}'
		});
		const error = await failure(claimOf(request, '/api/v1/orders/[id]/move', staff.id));
		expect(error).toMatchObject({ status: 400, details: { field: 'Idempotency-Key' } });
	});

	it('lets keys go after a week', async () => {
		const card = await newCard();
		await sendMove(staff, 'old-key-00000001', card.id, {
			stage: 'design',
			afterId: null,
			version: card.version
		});
		await services.db.sql`update idempotency_keys set created_at = now() - interval '8 days'
			where key = 'old-key-00000001'`;
		await forgetOldKeys(services.db.sql);
		const kept = await services.db
			.sql`select 1 from idempotency_keys where key = 'old-key-00000001'`;
		expect(kept).toHaveLength(0);
	});
});
