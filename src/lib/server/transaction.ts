import type { Sql, Tx } from './db';
import { claimIn, type Claim } from './idempotency';
import { log } from './log';

/**
 * How a transaction runs: `write` for every change; `snapshot` for a read of several statements
 * that must agree with each other (repeatable read, read only); `read` for a read-only one.
 */
export type TransactionMode = 'write' | 'snapshot' | 'read';

const BEGIN: Record<TransactionMode, string> = {
	write: '',
	snapshot: 'isolation level repeatable read read only',
	read: 'read only'
};

/** PostgreSQL's "try again" answers: the transaction was rolled back whole, so it can rerun. */
const RETRYABLE = new Set(['40P01', '40001']); // deadlock detected, serialization failure
const ATTEMPTS = 3;

/** A change: everything `work` writes commits together or not at all. */
export const transaction = <T>(sql: Sql, work: (tx: Tx) => Promise<T>) => run(sql, 'write', work);

/** A read of several statements that agree with each other: one snapshot, read only. */
export const snapshot = <T>(sql: Sql, work: (tx: Tx) => Promise<T>) => run(sql, 'snapshot', work);

/** A read that must not write (its `set local` planner settings end with it). */
export const readOnly = <T>(sql: Sql, work: (tx: Tx) => Promise<T>) => run(sql, 'read', work);

/**
 * The one way the app runs a transaction. Each runs on a connection of its own from BEGIN to
 * COMMIT: postgres.js 3.4 could send BEGIN without reserving the connection (porsager/postgres
 * #1189, #823), so unrelated queries ran inside another's transaction under load; the driver is
 * patched (patches/postgres+*.patch) and tests/integration/transactions.test.ts proves it. A
 * transaction the server aborted to break a deadlock or a serialization conflict runs again, so
 * `work` must do nothing but talk to the database through `tx`.
 */
async function run<T>(sql: Sql, mode: TransactionMode, work: (tx: Tx) => Promise<T>): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		try {
			if (mode !== 'write') return (await sql.begin(BEGIN[mode], work)) as T;
			// A request sent with an Idempotency-Key claims it in its first change (idempotency.ts).
			const made: { claim?: Claim } = {};
			const result = (await sql.begin(async (tx) => {
				made.claim = (await claimIn(tx)) ?? undefined;
				return work(tx);
			})) as T;
			if (made.claim) made.claim.claimed = true;
			return result;
		} catch (error) {
			const code = (error as { code?: string }).code;
			if (attempt >= ATTEMPTS || !code || !RETRYABLE.has(code)) throw error;
			log.warn({ code }, 'retrying a transaction after');
		}
	}
}
