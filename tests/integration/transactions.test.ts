import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sql } from '../../src/lib/server/db';
import { readOnly, transaction } from '../../src/lib/server/transaction';
import { createTestDatabase } from '../helpers/services';

const adminUrl = process.env.TEST_DATABASE_URL;

/**
 * postgres.js 3.4 sent a transaction's BEGIN without reserving its connection when BEGIN filled the
 * pipeline (or max_pipeline was 0), so the pool's next queries ran inside that transaction
 * (porsager/postgres #1189, #823). A server database has several connections; the embedded one
 * has one and never pipelines a transaction beside another query.
 */
describe.skipIf(!adminUrl)('transactions on a PostgreSQL server', () => {
	let database: Awaited<ReturnType<typeof createTestDatabase>>;
	const pools: Sql[] = [];
	// max_pipeline is a connection option of postgres.js that its types leave out.
	const pool = (options: { max: number; max_pipeline?: number }) => {
		const sql = postgres(database.url, {
			transform: postgres.camel,
			onnotice: () => {},
			...(options as postgres.Options<Record<string, never>>)
		}) as unknown as Sql;
		pools.push(sql);
		return sql;
	};
	/** Whether a statement ran by itself, not inside a transaction begun earlier. */
	const alone = async (sql: Sql) => {
		await new Promise((resolve) => setTimeout(resolve, 20));
		const [row] = await sql<{ alone: boolean }[]>`
			select statement_timestamp() - now() < interval '5 ms' as alone`;
		return row.alone;
	};

	beforeAll(async () => {
		database = await createTestDatabase(adminUrl!);
	});
	afterAll(async () => {
		await Promise.all(pools.map((sql) => sql.end({ timeout: 1 })));
		await database?.drop();
	});

	it('with max_pipeline 0 a transaction commits and the next query runs by itself', async () => {
		const sql = pool({ max: 2, max_pipeline: 0 });
		expect(await transaction(sql, async (tx) => (await tx`select 1 as one`)[0])).toEqual({
			one: 1
		});
		expect(await alone(sql)).toBe(true);
	});

	it('a BEGIN that fills the pipeline still owns its connection until COMMIT', async () => {
		const sql = pool({ max: 1, max_pipeline: 2 });
		await sql`select 1`;
		// Two queries on the only connection, so the transaction's BEGIN is the third in its pipeline.
		const busy = [sql`select pg_sleep(0.05)`.execute(), sql`select 2`.execute()];
		const inside = transaction(sql, async (tx) => {
			await tx`select set_config('benchboard.marker', 'inside', true)`;
			return (
				await tx<{ marker: string }[]>`select current_setting('benchboard.marker') as marker`
			)[0].marker;
		});
		const outside = sql<{ marker: string | null }[]>`
			select current_setting('benchboard.marker', true) as marker`.execute();
		await Promise.all(busy);
		expect(await inside).toBe('inside');
		expect((await outside)[0].marker ?? '').toBe('');
		expect(await alone(sql)).toBe(true);
	});

	it('50 writers beside 50 read-only readers (and single statements) for 20 s: no error, every statement in its own transaction', async () => {
		// A short pipeline puts BEGIN at its boundary often, as a busy server does with the default 100.
		const sql = pool({ max: 10, max_pipeline: 4 });
		await sql`create table ledger (id serial primary key, writer int not null, xact text not null)`;
		const until = Date.now() + 20_000;
		const errors: unknown[] = [];
		let commits = 0;
		let reads = 0;
		const writer = async (n: number) => {
			while (Date.now() < until) {
				await transaction(sql, async (tx) => {
					const [mode] = await tx<{ readOnly: string; xact: string }[]>`
						select current_setting('transaction_read_only') as read_only,
							pg_current_xact_id()::text as xact`;
					expect(mode.readOnly).toBe('off');
					await tx`insert into ledger (writer, xact) values (${n}, ${mode.xact})`;
					await tx`select id from ledger where writer = ${n} order by id desc limit 1 for update`;
					const [again] = await tx<{ xact: string }[]>`select pg_current_xact_id()::text as xact`;
					expect(again.xact).toBe(mode.xact);
				}).then(
					() => commits++,
					(error) => errors.push(error)
				);
			}
		};
		const reader = async () => {
			while (Date.now() < until) {
				await readOnly(sql, async (tx) => {
					const [row] = await tx<{ readOnly: string; xact: string | null }[]>`
						select current_setting('transaction_read_only') as read_only,
							pg_current_xact_id_if_assigned()::text as xact`;
					expect(row).toEqual({ readOnly: 'on', xact: null });
					await tx`select count(*) from ledger`;
				}).then(
					() => reads++,
					(error) => errors.push(error)
				);
			}
		};
		// Single statements beside them, as a session check is: each runs outside any transaction.
		const single = async () => {
			while (Date.now() < until) {
				await sql<{ xact: string | null }[]>`
					select pg_current_xact_id_if_assigned()::text as xact`
					.then(
						([row]) => expect(row.xact).toBeNull(),
						(error) => errors.push(error)
					)
					.catch((error) => errors.push(error));
			}
		};
		await Promise.all([
			...Array.from({ length: 50 }, (_, n) => writer(n)),
			...Array.from({ length: 50 }, () => reader()),
			...Array.from({ length: 20 }, () => single())
		]);
		expect(errors.map(String).slice(0, 3)).toEqual([]);
		const [row] = await sql<{ rows: number; xacts: number }[]>`
			select count(*)::int as rows, count(distinct xact)::int as xacts from ledger`;
		expect(row).toEqual({ rows: commits, xacts: commits });
		expect(reads).toBeGreaterThan(100);
	}, 60_000);
});
