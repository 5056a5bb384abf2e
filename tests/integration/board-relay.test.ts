import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrder, moveOrder } from '../../src/lib/server/orders';
import { createSession, signOut, validateSessionToken } from '../../src/lib/server/auth/sessions';
import type { StartedServices } from '../../src/lib/server/start';
import type { ScreenNotice } from '../../src/lib/server/bus';
import { SharedRateLimiter } from '../../src/lib/server/rate-limit';
import { BOARD_STAGES } from '../../src/lib/stages';
import { createTestDatabase, startProcess } from '../helpers/services';
import { until } from '../helpers/until';

const adminUrl = process.env.TEST_DATABASE_URL;

/** Every seq a process's bus hands to its screens, in the order it hands them. */
function seqsSeenBy(services: StartedServices): number[] {
	const seen: number[] = [];
	services.bus.subscribe((event) => seen.push(event.seq));
	return seen;
}

const inOrderOnce = (seen: number[], from: number, to: number) =>
	expect(seen).toEqual(Array.from({ length: to - from + 1 }, (_, i) => from + i));

/**
 * Three server processes on one PostgreSQL database, as a shop with more than one would run them
 * behind a load balancer: each has its own pool, its own bus and its own LISTEN connection.
 */
describe.skipIf(!adminUrl)('the board across processes on PostgreSQL', () => {
	let database: Awaited<ReturnType<typeof createTestDatabase>>;
	let processes: StartedServices[];

	beforeAll(async () => {
		database = await createTestDatabase(adminUrl!);
		const start = () => startProcess(database);
		processes = [await start(), await start(), await start()];
	});
	afterAll(async () => {
		for (const one of processes ?? []) await one.stop();
		await database?.drop();
	});

	it('moves made through any process reach every process in seq order, each once', async () => {
		const [a, b, c] = processes;
		const [{ first }] = await a.db.sql<{ first: number }[]>`
			select last_seq + 1 as first from event_counter`;
		const seen = processes.map(seqsSeenBy);
		const orders = await Promise.all(
			[a, b, c].map(
				async (on, i) =>
					(
						await createOrder(on, on.shopActor, {
							customer: { givenName: 'Olivia', familyName: `Bennett ${i}` },
							title: `Oval solitaire ${i}`
						})
					).card
			)
		);
		// Each order moves through every stage on its own process, all three at once.
		await Promise.all(
			orders.map(async (order, i) => {
				let version = order.version;
				for (const stage of BOARD_STAGES.slice(1)) {
					const moved = await moveOrder(processes[i], processes[i].shopActor, order.id, {
						stage,
						afterId: null,
						version
					});
					version = moved.card.version;
				}
			})
		);
		const [{ last }] = await a.db.sql<
			{ last: number }[]
		>`select last_seq as last from event_counter`;
		await until(
			() => seen.every((one) => one.at(-1) === last),
			'every process to reach the last seq'
		);
		for (const one of seen) inOrderOnce(one, first, last);
	});

	it('a process that lost its connection to the database catches up on what it missed', async () => {
		const [a, b] = processes;
		const seen = seqsSeenBy(b);
		// Cut b's LISTEN connection: the database forgets it, and its announcements go nowhere.
		await a.db.sql`
			select pg_terminate_backend(pid) from pg_stat_activity
			where application_name = ${b.db.origin} and query ilike 'listen%'`;
		const order = (
			await createOrder(a, a.shopActor, {
				customer: { givenName: 'Ruth', familyName: 'Goldberg' },
				title: 'Remount of a ruby'
			})
		).card;
		await moveOrder(a, a.shopActor, order.id, {
			stage: 'design',
			afterId: null,
			version: order.version
		});
		const [{ last }] = await a.db.sql<
			{ last: number }[]
		>`select last_seq as last from event_counter`;
		await until(() => seen.at(-1) === last, 'b to catch up after reconnecting', 15_000);
		expect(new Set(seen).size).toBe(seen.length);
	});

	it('a session ended or a setting changed on one process reaches the screens of every other', async () => {
		const [a, b, c] = processes;
		const ended: string[][] = [];
		const notices: ScreenNotice[] = [];
		for (const other of [b, c]) {
			other.bus.onSessionsEnded((ids) => ended.push(ids));
			other.bus.onScreenNotice((notice) => notices.push(notice));
		}
		const many = Array.from({ length: 150 }, (_, i) => i.toString(16).padStart(64, '0'));
		a.bus.endSessions(many);
		a.bus.notifyScreens({ type: 'display', displayId: 7, options: { showNames: false } as never });
		await until(() => notices.length === 2, 'both other processes to get the notice');
		await until(
			() => ended.flat().length === 2 * many.length,
			'both other processes to close every ended session'
		);
		expect(new Set(ended.flat())).toEqual(new Set(many));
		expect(notices.every((notice) => notice.type === 'display' && notice.displayId === 7)).toBe(
			true
		);
	});

	it('a session signed out on one process is refused at once by the others, though they had it cached', async () => {
		const [a, b, c] = processes;
		const [user] = await a.db.sql<{ id: number }[]>`
			insert into users (username, display_name, role) values ('sam', 'Sam Ortiz', 'staff')
			returning id`;
		const { token } = await createSession(a.db.sql, { userId: user.id });
		for (const one of [b, c]) {
			expect(await validateSessionToken(one.db.sql, token, one.sessions)).not.toBeNull();
		}
		const signedIn = (await validateSessionToken(a.db.sql, token, a.sessions))!;
		await signOut(a, signedIn.session, signedIn.actor, null);
		for (const one of [b, c]) {
			await until(
				async () => (await validateSessionToken(one.db.sql, token, one.sessions)) === null,
				'the other process to refuse the ended session',
				1000
			);
		}
	});

	it("counts one address's status-page requests across every process", async () => {
		const limiter = new SharedRateLimiter('status-test', 6, 60_000);
		const answers = [];
		for (let i = 0; i < 9; i++) {
			answers.push(await limiter.take(processes[i % 3].db.sql, '203.0.113.9'));
		}
		expect(answers.filter(Boolean)).toHaveLength(6);
		expect(answers.slice(6)).toEqual([false, false, false]);
	});
});
