import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countAccounts } from '../../src/lib/server/auth/accounts';
import { createSession, validateSessionToken } from '../../src/lib/server/auth/sessions';
import { hashToken as hashOfToken } from '../../src/lib/server/auth/tokens';
import { listBackups } from '../../src/lib/server/backup/schedule';
import type { Actor } from '../../src/lib/server/events';
import { leaveDemo, type DemoExit } from '../../src/lib/server/leave-demo';
import { createOrder } from '../../src/lib/server/orders';
import { seedDemoData, seedDemoStaff } from '../../src/lib/server/seed';
import { readSettings } from '../../src/lib/server/settings';
import type { StartedServices } from '../../src/lib/server/start';
import type { OrderEvent } from '../../src/lib/events';
import { refusalChecker } from '../helpers/commands';
import { backends, createTestDatabase, migrationsDir, startProcess } from '../helpers/services';
import { until } from '../helpers/until';

const adminUrl = process.env.TEST_DATABASE_URL;

describe.each(backends)('leaving the demo on $name', (backend) => {
	let services: StartedServices;
	let owner: Actor;
	const steps: string[] = [];
	const published: OrderEvent[] = [];
	const backupDir = fs.mkdtempSync(path.join(os.tmpdir(), 'benchboard-demo-backups-'));
	const exit = (): DemoExit => ({
		backup: {
			db: services.db,
			files: services.files,
			auditKeyFile: null,
			dir: backupDir,
			keep: 14,
			app: 'test'
		},
		migrationsDir,
		pause: async () => void steps.push('pause'),
		resume: async () => void steps.push('resume')
	});

	beforeAll(async () => {
		services = await backend.start();
		await seedDemoData(services, services.shopActor);
		await seedDemoStaff(services, services.shopActor);
		const [avery] = await services.db.sql<{ id: number }[]>`
			select id from users where username = 'avery'`;
		owner = { id: avery.id, name: 'Avery Stone', role: 'owner' };
		// A photo of the demo's, which must not outlive it.
		fs.mkdirSync(path.join(services.files.dir, 'ab'), { recursive: true });
		fs.writeFileSync(path.join(services.files.dir, 'ab', 'photo'), 'demo bytes');
		services.bus.subscribe((event) => published.push(event));
		services.setup.settle();
	});
	afterAll(() => services?.stop());

	const orders = async () =>
		(await services.db.sql<{ count: number }[]>`select count(*)::int as count from orders`)[0]
			.count;
	const refused = refusalChecker(async () => ({
		orders: await orders(),
		accounts: await countAccounts(services),
		backups: listBackups(backupDir).length
	}));

	it('only the owner, only on a demo database, only through the running server', async () => {
		const manager: Actor = { ...owner, role: 'manager' };
		expect((await refused(() => leaveDemo(services, manager, exit()))).status).toBe(403);
		expect((await refused(() => leaveDemo(services, owner, null))).message).toMatch(
			/only the running server/i
		);
		expect(steps).toEqual([]);
	});

	it('clears nothing when the copy of the demo cannot be written', async () => {
		const blocked = path.join(backupDir, 'not-a-folder');
		fs.writeFileSync(blocked, 'a file where the backups would go');
		const error = await refused(() =>
			leaveDemo(services, owner, { ...exit(), backup: { ...exit().backup, dir: blocked } })
		);
		expect(error.message).toMatch(/Could not keep a copy of the demo .* nothing was cleared/);
		// Paused and resumed around it: the notes and the outbox carry on.
		expect(steps.splice(0)).toEqual(['pause', 'resume']);
		fs.rmSync(blocked);
	});

	it('keeps the demo as a backup, then starts over with no accounts and the setup page', async () => {
		expect(await orders()).toBeGreaterThan(5);
		const { backup } = await leaveDemo(services, owner, exit());

		expect(steps).toEqual(['pause', 'resume']);
		expect(path.basename(backup)).toMatch(/-demo\.tar\.gz$/);
		expect(fs.existsSync(backup)).toBe(true);
		expect(await orders()).toBe(0);
		expect(await countAccounts(services)).toBe(0);
		expect((await readSettings(services.db.sql)).demo).toBe(false);
		expect(services.setup.settled).toBe(false);
		expect(fs.existsSync(path.join(services.files.dir, 'ab', 'photo'))).toBe(false);
		const [{ events }] = await services.db.sql<{ events: number }[]>`
			select count(*)::int as events from order_events`;
		expect(events).toBe(0);
	});

	it("the shop's first order starts a new log at seq 1, and open screens hear it", async () => {
		const before = published.length;
		(
			await createOrder(services, services.shopActor, {
				customer: { givenName: 'Nora', familyName: 'Quinn' },
				title: 'Engagement ring'
			})
		).card;
		// The new customer's event, then the order's.
		expect(published.slice(before).map((event) => event.seq)).toEqual([1, 2]);
	});

	it('refuses a database that is not the demo and clears nothing', async () => {
		expect((await refused(() => leaveDemo(services, owner, exit()))).status).toBe(409);
	});
});

/**
 * The demo on a PostgreSQL server with two processes: the owner leaves it through A, and B must
 * begin again too (its bus at seq 0, no sessions, the setup open), or B's screens would take the
 * shop's first events for old ones.
 */
describe.skipIf(!adminUrl)('leaving the demo with two processes on PostgreSQL', () => {
	let database: Awaited<ReturnType<typeof createTestDatabase>>;
	let a: StartedServices;
	let b: StartedServices;
	const backupDir = fs.mkdtempSync(path.join(os.tmpdir(), 'benchboard-demo-backups-'));

	beforeAll(async () => {
		database = await createTestDatabase(adminUrl!);
		const start = () => startProcess(database);
		a = await start();
		b = await start();
	});
	afterAll(async () => {
		await a?.stop();
		await b?.stop();
		await database?.drop();
	});

	it('begins again on every process: the log, the sessions and the setup', async () => {
		await a.db.sql`update settings set demo = true`;
		const [user] = await a.db.sql<{ id: number }[]>`
			insert into users (username, display_name, role) values ('avery', 'Avery Stone', 'owner')
			returning id`;
		const owner: Actor = { id: user.id, name: 'Avery Stone', role: 'owner' };
		for (let i = 0; i < 3; i++) {
			await createOrder(a, a.shopActor, {
				customer: { givenName: 'Olivia', familyName: `Bennett ${i}` },
				title: 'Oval solitaire'
			});
		}
		const { token } = await createSession(a.db.sql, { userId: user.id });
		expect(await validateSessionToken(b.db.sql, token, b.sessions)).not.toBeNull();
		b.setup.settle();
		const seenOnB: number[] = [];
		b.bus.subscribe((event) => seenOnB.push(event.seq));
		let restarted = false;
		b.bus.onRestarted(() => (restarted = true));

		await leaveDemo(a, owner, {
			backup: {
				db: a.db,
				files: a.files,
				auditKeyFile: null,
				dir: backupDir,
				keep: 14,
				app: 'test'
			},
			migrationsDir,
			pause: async () => {},
			resume: async () => {}
		});
		await until(() => restarted, 'B to hear that the database began again');
		expect(b.setup.settled).toBe(false);
		expect(b.sessions.find(hashOfToken(token))).toBeNull();
		expect(await validateSessionToken(b.db.sql, token, b.sessions)).toBeNull();

		// The shop's first order, made through B: both processes hand it out as seq 1 and 2.
		const seenOnA: number[] = [];
		a.bus.subscribe((event) => seenOnA.push(event.seq));
		await createOrder(b, b.shopActor, {
			customer: { givenName: 'Nora', familyName: 'Quinn' },
			title: 'Engagement ring'
		});
		await until(
			() => seenOnA.length === 2 && seenOnB.length === 2,
			'both processes to hand it out'
		);
		expect(seenOnA).toEqual([1, 2]);
		expect(seenOnB).toEqual([1, 2]);
	});
});
