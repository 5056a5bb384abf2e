import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { AuditKey } from './audit-key';
import { requirePermission } from './auth/roles';
import type { Sql, Tx } from './db';
import type { Actor } from './events';
import type { Services } from './services';
import { snapshot, transaction } from './transaction';

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
	/** The latest signed checkpoint and whether the log still matches it (null: none yet). */
	checkpoint: CheckpointCheck | null;
}

export interface CheckpointCheck {
	seq: number;
	at: string;
	/** 'holds'; 'rewritten': the chains' heads up to its seq differ from what was signed; 'forged':
	 * its signature is not this key's; 'cut': the log ends before its seq (events were removed). */
	result: 'holds' | 'rewritten' | 'forged' | 'cut';
}

/** The heads of every chain as of `lastSeq`, folded into one SHA-256, and how many chains. */
async function chainHeads(tx: Tx, lastSeq: number): Promise<{ digest: string; chains: number }> {
	const heads = await tx<{ chain: string; seq: number; hash: string }[]>`
		select coalesce('o' || order_id, 'c' || customer_id) as chain, seq, hash
		from (
			select distinct on (order_id, customer_id) order_id, customer_id, seq, hash
			from order_events where seq <= ${lastSeq}
			order by order_id, customer_id, seq desc
		) head
		order by chain`;
	const digest = createHash('sha256');
	for (const head of heads) digest.update(`${head.chain} ${head.seq} ${head.hash}\n`);
	return { digest: digest.digest('hex'), chains: heads.length };
}

function sign(key: Buffer, lastSeq: number, chains: number, digest: string): string {
	return createHmac('sha256', key)
		.update(`benchboard checkpoint v1\n${lastSeq}\n${chains}\n${digest}`)
		.digest('hex');
}

/**
 * Signs the heads of every chain as they are now, with the key kept outside the database. Written
 * hourly by the server when the log has grown, and whenever the owner checks the history.
 */
export async function writeCheckpoint(
	services: Pick<Services, 'db' | 'auditKey'>,
	createdBy: number | null = null
): Promise<{ seq: number } | null> {
	const sql = services.db.sql;
	const heads = await snapshot(sql, async (tx) => {
		const [{ lastSeq }] = await tx<{ lastSeq: number }[]>`select last_seq from event_counter`;
		const [latest] = await tx<{ lastSeq: number }[]>`
			select last_seq from audit_checkpoints order by id desc limit 1`;
		if (lastSeq === 0 || (createdBy === null && latest?.lastSeq === lastSeq)) return null;
		return { lastSeq, ...(await chainHeads(tx, lastSeq)) };
	});
	if (!heads) return null;
	const mac = sign(services.auditKey.key, heads.lastSeq, heads.chains, heads.digest);
	await transaction(
		sql,
		(tx) => tx`
		insert into audit_checkpoints (last_seq, chains, heads_digest, mac, created_by)
		values (${heads.lastSeq}, ${heads.chains}, ${heads.digest}, ${mac}, ${createdBy})`
	);
	return { seq: heads.lastSeq };
}

/** Checks the log against its latest checkpoint, with this shop's key. */
async function checkLatestCheckpoint(sql: Sql, key: AuditKey): Promise<CheckpointCheck | null> {
	return snapshot(sql, async (tx) => {
		const [checkpoint] = await tx<
			{ lastSeq: number; chains: number; headsDigest: string; mac: string; createdAt: Date }[]
		>`select last_seq, chains, heads_digest, mac, created_at from audit_checkpoints
			order by id desc limit 1`;
		if (!checkpoint) return null;
		const found = (result: CheckpointCheck['result']): CheckpointCheck => ({
			seq: checkpoint.lastSeq,
			at: checkpoint.createdAt.toISOString(),
			result
		});
		const expected = sign(key.key, checkpoint.lastSeq, checkpoint.chains, checkpoint.headsDigest);
		if (!timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(checkpoint.mac, 'hex'))) {
			return found('forged');
		}
		const [{ newest }] = await tx<{ newest: number | null }[]>`
			select max(seq) as newest from order_events`;
		if ((newest ?? 0) < checkpoint.lastSeq) return found('cut');
		const now = await chainHeads(tx, checkpoint.lastSeq);
		const same = now.chains === checkpoint.chains && now.digest === checkpoint.headsDigest;
		return found(same ? 'holds' : 'rewritten');
	});
}

/**
 * Recomputes every event's hash from its stored content and the hash before it in its order's (or
 * customer's) chain, and checks the seqs have no holes. Reads the whole log in one pass.
 */
export async function verifyEventLog(sql: Sql, key: AuditKey): Promise<ChainReport> {
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
	const checkpoint = await checkLatestCheckpoint(sql, key);
	return {
		ok: brokenRows.length === 0 && (checkpoint === null || checkpoint.result === 'holds'),
		checkpoint,
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

/** The owner's check, from the Settings page: verified, then a new checkpoint signed if it holds. */
export async function verifyEventLogFor(
	services: Pick<Services, 'db' | 'auditKey'>,
	actor: Actor
): Promise<ChainReport> {
	requirePermission(actor, 'accounts.manage');
	const report = await verifyEventLog(services.db.sql, services.auditKey);
	if (report.ok) await writeCheckpoint(services, actor.id);
	return report;
}

/** The report in one or two plain sentences, for the command line and the owner's page. */
export function describeReport(report: ChainReport): string {
	const head = report.head
		? ` Newest event: seq ${report.head.seq}, hash ${report.head.hash}.`
		: '';
	const anchored = report.checkpoint
		? ` It matches the checkpoint signed at seq ${report.checkpoint.seq} (${report.checkpoint.at}).`
		: ' No signed checkpoint yet.';
	if (report.ok) {
		return `The event log holds: ${report.events} events, every chain intact.${anchored}${head}`;
	}
	if (!report.firstBroken) {
		const { seq } = report.checkpoint!;
		const why = {
			holds: '',
			rewritten: `the heads of the chains up to seq ${seq} are not the ones signed then: events up to seq ${seq} were rewritten, hashes and all`,
			forged: `the latest checkpoint (seq ${seq}) is not signed with this shop's key: it was forged, or this is not the shop's key`,
			cut: `the log ends before seq ${seq}, which was signed: the newest events were removed`
		}[report.checkpoint!.result];
		return `The event log is BROKEN: ${why}.${head}`;
	}
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
