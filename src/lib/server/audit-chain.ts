import { requirePermission } from './auth/roles';
import type { Sql } from './db';
import type { Actor } from './events';

export interface BrokenLink {
	seq: number;
	orderNumber: string | null;
	customerId: number | null;
	/** 'altered': its content no longer matches its hash; 'unlinked': an event before it is gone or changed. */
	problem: 'altered' | 'unlinked' | 'missing';
}

export interface ChainReport {
	ok: boolean;
	events: number;
	/** The newest event and its hash: note it down, and a later rewrite of the whole log shows. */
	head: { seq: number; hash: string } | null;
	/** The first broken link, by seq; null when every chain holds. */
	firstBroken: BrokenLink | null;
	broken: number;
}

/**
 * Recomputes every event's hash from its stored content and the hash before it in its order's (or
 * customer's) chain, and checks the seqs have no holes. Reads the whole log in one pass.
 */
export async function verifyEventLog(sql: Sql): Promise<ChainReport> {
	const rows = await sql<
		{
			seq: number;
			orderNumber: string | null;
			customerId: number | null;
			problem: BrokenLink['problem'] | null;
		}[]
	>`
		select e.seq, o.number as order_number, e.customer_id,
			case
				when e.hash is distinct from order_event_hash(e.prev_hash, e.seq, e.order_id, e.customer_id,
					e.type, e.actor_id, e.payload, e.created_at) then 'altered'
				when e.prev_hash is distinct from lag(e.hash) over subject then 'unlinked'
				when e.seq - lag(e.seq) over (order by e.seq) > 1 then 'missing'
			end as problem
		from order_events e
		left join orders o on o.id = e.order_id
		window subject as (partition by e.order_id, e.customer_id order by e.seq)
		order by e.seq`;
	const brokenRows = rows.filter((row) => row.problem !== null);
	const [head] = await sql<{ seq: number; hash: string }[]>`
		select seq, hash from order_events order by seq desc limit 1`;
	const first = brokenRows[0];
	return {
		ok: brokenRows.length === 0,
		events: rows.length,
		head: head ?? null,
		firstBroken: first
			? {
					seq: first.seq,
					orderNumber: first.orderNumber,
					customerId: first.customerId,
					problem: first.problem!
				}
			: null,
		broken: brokenRows.length
	};
}

/** The owner's check, from the Settings page. */
export async function verifyEventLogFor(sql: Sql, actor: Actor): Promise<ChainReport> {
	requirePermission(actor, 'accounts.manage');
	return verifyEventLog(sql);
}

/** The report in one or two plain sentences, for the command line and the owner's page. */
export function describeReport(report: ChainReport): string {
	const head = report.head
		? ` Newest event: seq ${report.head.seq}, hash ${report.head.hash}.`
		: '';
	if (report.ok) return `The event log holds: ${report.events} events, every chain intact.${head}`;
	const first = report.firstBroken!;
	const where = first.orderNumber
		? `order ${first.orderNumber}`
		: first.customerId !== null
			? `customer ${first.customerId}`
			: 'the log';
	const what = {
		altered: 'its content no longer matches its hash (it was changed after it was written)',
		unlinked:
			'it no longer follows the event before it in its chain (an earlier event was changed or removed)',
		missing: 'the seq before it is missing (an event was removed)'
	}[first.problem];
	return `The event log is BROKEN: ${report.broken} event(s) fail. First broken link: seq ${first.seq} of ${where}: ${what}.${head}`;
}
