import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../src/lib/server/auth/sign-in';
import { hashPassword } from '../../src/lib/server/auth/password';
import type { StartedServices } from '../../src/lib/server/start';
import { createTestDatabase, startProcess } from '../helpers/services';

const adminUrl = process.env.TEST_DATABASE_URL;

/** The HTTP status a sign-in answers with (200 for a session). */
const attempt = (services: StartedServices, username: string, password: string, ip: string) =>
	signIn(services, { username, password, ip, userAgent: null }).then(
		() => 200,
		(error: { status: number }) => error.status
	);

/** How many wrong passwords were really tried (each is on the sign-in log). */
async function triedWrong(services: StartedServices, column: 'username' | 'ip', value: string) {
	const [{ count }] = await services.db.sql<{ count: number }[]>`
		select count(*)::int as count from auth_events
		where type = 'signin.failed' and ${services.db.sql(column)} = ${value}`;
	return count;
}

/**
 * Two server processes on one PostgreSQL database behind a balancer that spreads one guesser's
 * requests over both: an account waits after five wrong passwords, an address after twenty,
 * counted across both, whether the guesses come one after another or all at once.
 */
describe.skipIf(!adminUrl)('sign-in limits across processes on PostgreSQL', () => {
	let database: Awaited<ReturnType<typeof createTestDatabase>>;
	let processes: StartedServices[];

	beforeAll(async () => {
		database = await createTestDatabase(adminUrl!);
		const start = () => startProcess(database);
		processes = await Promise.all([start(), start()]);
		const hash = await hashPassword('staff walks past the river');
		for (const username of ['sam', 'morgan', 'elena']) {
			await processes[0].db.sql`
				insert into users (username, display_name, role, password_hash)
				values (${username}, ${username}, 'staff', ${hash})`;
		}
	});
	afterAll(async () => {
		for (const one of processes ?? []) await one.stop();
		await database?.drop();
	});

	it('counts wrong passwords sent one after another to either process together', async () => {
		const answers = [];
		for (let i = 0; i < 7; i++) {
			answers.push(await attempt(processes[i % 2], 'sam', `wrong ${i} attempt`, `10.0.1.${i}`));
		}
		expect(answers).toEqual([400, 400, 400, 400, 400, 429, 429]);
		expect(await attempt(processes[1], 'sam', 'staff walks past the river', '10.0.1.9')).toBe(429);
	});

	it('lets a burst of guesses at once over both processes try no more than the limit', async () => {
		const answers = await Promise.all(
			Array.from({ length: 24 }, (_, i) =>
				attempt(processes[i % 2], 'morgan', `wrong ${i} attempt`, `10.0.2.${i}`)
			)
		);
		expect(await triedWrong(processes[0], 'username', 'morgan')).toBeLessThanOrEqual(5);
		expect(answers.filter((status) => status === 429).length).toBeGreaterThanOrEqual(19);
		// One address guessing many accounts at once: twenty tries, not more.
		const spray = await Promise.all(
			Array.from({ length: 40 }, (_, i) =>
				attempt(processes[i % 2], `nobody${i}`, 'wrong password here', '203.0.113.50')
			)
		);
		expect(await triedWrong(processes[0], 'ip', '203.0.113.50')).toBeLessThanOrEqual(20);
		expect(spray.filter((status) => status === 429).length).toBeGreaterThanOrEqual(20);
		// The person who owns an account nobody guessed at still gets in, from any address.
		expect(await attempt(processes[0], 'elena', 'staff walks past the river', '10.0.3.1')).toBe(
			200
		);
	});
});
