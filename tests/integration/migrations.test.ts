import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db';
import { hashToken } from '../../src/lib/server/auth/tokens';
import { migrate } from '../../src/lib/server/migrate';
import { registerServices, unregisterServices } from '../../src/lib/server/services';
import { startServices } from '../../src/lib/server/start';
import { createTestDatabase, migrationsDir } from '../helpers/services';

const allMigrations = fs
	.readdirSync(migrationsDir)
	.filter((name) => name.endsWith('.sql'))
	.sort();

describe('migrations', () => {
	it('apply once on a new embedded database; a second run is a no-op', async () => {
		const db = await openDatabase({ dataDir: 'memory://' });
		try {
			expect(await migrate(db.sql, migrationsDir)).toEqual(allMigrations);
			expect(await migrate(db.sql, migrationsDir)).toEqual([]);
			const rows = await db.sql<
				{ name: string }[]
			>`select name from schema_migrations order by name`;
			expect(rows.map((r) => r.name)).toEqual(allMigrations);
		} finally {
			await db.close();
		}
	});

	/** A copy of the migrations folder a test may change. */
	const copyOfMigrations = () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'benchboard-migrations-'));
		for (const name of allMigrations)
			fs.copyFileSync(path.join(migrationsDir, name), path.join(dir, name));
		return dir;
	};

	it('refuses to start when an applied migration was edited, and changes nothing', async () => {
		const dir = copyOfMigrations();
		const db = await openDatabase({ dataDir: 'memory://' });
		try {
			await migrate(db.sql, dir);
			const edited = allMigrations[2];
			fs.appendFileSync(path.join(dir, edited), '\ncreate table sneaky (id int);\n');
			fs.writeFileSync(path.join(dir, '9999_next.sql'), 'create table next_one (id int);');
			await expect(migrate(db.sql, dir)).rejects.toThrow(
				`migrations/${edited} was changed after this database applied it`
			);
			const [{ sneaky, next }] = await db.sql<{ sneaky: string | null; next: string | null }[]>`
				select to_regclass('sneaky')::text as sneaky, to_regclass('next_one')::text as next`;
			expect([sneaky, next]).toEqual([null, null]);
			// Line endings alone are not a change (a checkout on Windows).
			const original = fs.readFileSync(path.join(migrationsDir, edited), 'utf8');
			fs.writeFileSync(path.join(dir, edited), original.replace(/\n/g, '\r\n'));
			expect(await migrate(db.sql, dir)).toEqual(['9999_next.sql']);
		} finally {
			await db.close();
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	it('refuses a database upgraded by a newer version: it names the migrations it does not know', async () => {
		const dir = copyOfMigrations();
		const db = await openDatabase({ dataDir: 'memory://' });
		try {
			fs.writeFileSync(path.join(dir, '9999_newer.sql'), 'create table newer (id int);');
			await migrate(db.sql, dir);
			await expect(migrate(db.sql, migrationsDir)).rejects.toThrow(
				/does not know \(9999_newer\.sql\).*restore the backup taken before/
			);
		} finally {
			await db.close();
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	it('a database migrated before checksums were kept gets them, and is checked from then on', async () => {
		const db = await openDatabase({ dataDir: 'memory://' });
		try {
			await migrate(db.sql, migrationsDir);
			await db.sql`alter table schema_migrations drop column checksum`;
			expect(await migrate(db.sql, migrationsDir)).toEqual([]);
			const [{ missing }] = await db.sql<{ missing: number }[]>`
				select count(*) filter (where checksum is null)::int as missing from schema_migrations`;
			expect(missing).toBe(0);
		} finally {
			await db.close();
		}
	});

	it("gives every order made before 0012 its customer's status link, in the app's own form", async () => {
		const db = await openDatabase({ dataDir: 'memory://' });
		try {
			// A database as version 0011 left it: orders without a link until one was asked for.
			const upTo = fs.mkdtempSync(path.join(os.tmpdir(), 'benchboard-migrations-'));
			for (const name of allMigrations.filter((name) => name < '0012'))
				fs.copyFileSync(path.join(migrationsDir, name), path.join(upTo, name));
			await migrate(db.sql, upTo);
			const [customer] = await db.sql<{ id: number }[]>`
				insert into customers (given_name, family_name) values ('Ada', 'Quinn') returning id`;
			await db.sql`
				insert into orders (customer_id, title, stage, order_key)
				values (${customer.id}, 'Ring one', 'intake', 'a0'), (${customer.id}, 'Ring two', 'design', 'a0')`;

			expect(await migrate(db.sql, migrationsDir)).toEqual(
				allMigrations.filter((name) => name >= '0012')
			);
			const rows = await db.sql<{ statusToken: string; statusTokenHash: string }[]>`
				select status_token, status_token_hash from orders`;
			expect(rows).toHaveLength(2);
			for (const row of rows) {
				expect(row.statusToken).toMatch(/^[A-Za-z0-9_-]{24}$/);
				expect(row.statusTokenHash).toBe(hashToken(row.statusToken));
			}
			expect(rows[0].statusToken).not.toBe(rows[1].statusToken);
			// From now on no order is without one.
			await expect(
				db.sql`insert into orders (customer_id, title, stage, order_key)
					values (${customer.id}, 'Ring three', 'intake', 'a1')`
			).rejects.toThrow(/status_token/);
		} finally {
			await db.close();
		}
	});

	it('files the events written before locations under the first store, which holds every order', async () => {
		const db = await openDatabase({ dataDir: 'memory://' });
		try {
			// A shop as version 0024 left it: one order and its log, with no location anywhere.
			const upTo = fs.mkdtempSync(path.join(os.tmpdir(), 'benchboard-migrations-'));
			for (const name of allMigrations.filter((name) => name < '0025'))
				fs.copyFileSync(path.join(migrationsDir, name), path.join(upTo, name));
			await migrate(db.sql, upTo);
			const [customer] = await db.sql<{ id: number }[]>`
				insert into customers (given_name, family_name) values ('Ada', 'Quinn') returning id`;
			const [order] = await db.sql<{ id: number }[]>`
				insert into orders (customer_id, title, stage, order_key, status_token, status_token_hash)
				values (${customer.id}, 'Ring one', 'intake', 'a0', 't1', 'h1') returning id`;
			await db.sql`update event_counter set last_seq = 2`;
			await db.sql`
				insert into order_events (seq, order_id, customer_id, type, actor_id, payload, prev_hash, hash)
				select 1, ${order.id}::int, null::int, 'order.created', id, '{"before":null,"after":{}}'::jsonb,
					null, 'h1'
				from users where username = 'shop'
				union all
				select 2, null::int, ${customer.id}::int, 'customer.updated', id, '{"before":{},"after":{}}'::jsonb,
					null, 'h2'
				from users where username = 'shop'`;

			await migrate(db.sql, migrationsDir);
			const [store] = await db.sql<{ id: number }[]>`select id from locations`;
			const events = await db.sql<{ seq: number; locationIds: number[] | null }[]>`
				select seq::int, location_ids from order_events order by seq`;
			expect(events).toEqual([
				{ seq: 1, locationIds: [store.id] },
				{ seq: 2, locationIds: [store.id] }
			]);
			// And the log is still append-only.
			await expect(db.sql`update order_events set location_ids = null`).rejects.toThrow();
		} finally {
			await db.close();
		}
	});

	// Only a PostgreSQL server has two connections to race; CI always sets TEST_DATABASE_URL.
	if (!process.env.TEST_DATABASE_URL) return;
	it('two processes migrating one PostgreSQL database at once apply each file once', async () => {
		const database = await createTestDatabase(process.env.TEST_DATABASE_URL!);
		const [a, b] = [
			postgres(database.url, { max: 1, onnotice: () => {} }),
			postgres(database.url, { max: 1, onnotice: () => {} })
		];
		try {
			const results = await Promise.all([
				migrate(a as never, migrationsDir),
				migrate(b as never, migrationsDir)
			]);
			expect([...results[0], ...results[1]].sort()).toEqual(allMigrations);
			const [{ count }] = await a<
				{ count: number }[]
			>`select count(*)::int as count from schema_migrations`;
			expect(count).toBe(allMigrations.length);
		} finally {
			await Promise.all([a.end(), b.end()]);
			await database.drop();
		}
	});
});

describe('one database per process', () => {
	it('a second open of the same embedded data folder fails with a clear message, and works once closed', async () => {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'benchboard-lock-'));
		try {
			const first = await startServices({ dataDir, migrationsDir, seed: 'none' });
			await expect(startServices({ dataDir, migrationsDir, seed: 'none' })).rejects.toThrow(
				/is in use by process \d+.*Stop that Benchboard first/
			);
			await first.stop();
			const again = await startServices({ dataDir, migrationsDir, seed: 'none' });
			expect(again.db.created).toBe(false);
			await again.stop();
		} finally {
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	});

	it('a lock left by a process that died does not block the next start', async () => {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'benchboard-stale-'));
		try {
			fs.writeFileSync(path.join(dataDir, 'benchboard.lock'), '999999999');
			const services = await startServices({ dataDir, migrationsDir, seed: 'none' });
			await services.stop();
		} finally {
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	});

	it('registers the services once: a second registration in the same process is refused', async () => {
		const services = await startServices({ dataDir: 'memory://', migrationsDir, seed: 'none' });
		try {
			registerServices(services);
			expect(() => registerServices(services)).toThrow(/already running in this process/);
		} finally {
			unregisterServices(services);
			await services.stop();
		}
	});

	it('a new embedded database gets demo data unless SEED=none', async () => {
		const services = await startServices({ dataDir: 'memory://', migrationsDir, seed: 'demo' });
		try {
			const [{ count, stages, overdue, rush }] = await services.db.sql<
				{ count: number; stages: number; overdue: number; rush: number }[]
			>`
				select count(*)::int as count, count(distinct stage)::int as stages,
					count(*) filter (where due_date < current_date)::int as overdue,
					count(*) filter (where rush)::int as rush
				from orders where order_key is not null`;
			// About twenty open orders across the seven stages, and a year of finished ones behind them.
			expect(count).toBeGreaterThanOrEqual(18);
			expect(stages).toBe(7);
			expect(overdue).toBeGreaterThan(0);
			expect(rush).toBeGreaterThan(0);
			const [{ history }] = await services.db.sql<{ history: number }[]>`
				select count(*)::int as history from orders where stage = 'picked_up'`;
			expect(history).toBeGreaterThan(200);
		} finally {
			await services.stop();
		}
	});
});
