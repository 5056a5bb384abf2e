import {
	kindOf,
	type HistoryEntry,
	type JobSubject,
	type OrderHistory,
	type StoneSubject
} from '../words/history';
import type { OrderEventPayload, OrderEventType } from '../events';
import { can, requirePermission } from './auth/roles';
import type { Sql, Tx } from './db';
import { notFound } from './errors';
import type { Actor } from './events';
import { snapshot } from './transaction';

const MONEY_FIELDS = [
	'quotedPriceCents',
	'amountCents',
	'declaredValueCents',
	'costCents',
	'balanceCents'
];
const CONTACT_FIELDS = ['phone', 'email', 'recipient'];

type Detail = { before: unknown; after: unknown };
type Fields = Record<string, unknown>;

interface EventRow {
	seq: number;
	type: OrderEventType;
	createdAt: Date;
	actorId: number;
	actorName: string;
	payload: OrderEventPayload;
}

const fieldsOf = (value: unknown): Fields =>
	value !== null && typeof value === 'object' ? (value as Fields) : {};

function without(value: unknown, hidden: string[]): unknown {
	if (value === null || typeof value !== 'object') return value;
	return Object.fromEntries(Object.entries(value).filter(([field]) => !hidden.includes(field)));
}

/**
 * Every change to one order, oldest first (newest first with `newestFirst`), with the changes to
 * its customer's profile since the order was taken in. The log's detail holds prices and contact
 * details: they leave the server only for the roles that may see them.
 */
export async function getOrderHistory(
	sql: Sql,
	actor: Actor,
	orderId: number,
	options: { newestFirst?: boolean } = {}
): Promise<OrderHistory> {
	requirePermission(actor, 'orders.read');
	return snapshot(sql, async (tx) => {
		const [order] = await tx<{ id: number; number: string; customerId: number }[]>`
			select id, number, customer_id from orders where id = ${orderId}`;
		if (!order) throw notFound(`Order ${orderId}`);
		// Two index scans (order, then customer from the order's first event), merged by seq.
		const rows = await tx<EventRow[]>`
			select e.seq, e.type, e.created_at, e.actor_id, u.display_name as actor_name, e.payload
			from order_events e join users u on u.id = e.actor_id
			where e.order_id = ${orderId}
			union all
			select e.seq, e.type, e.created_at, e.actor_id, u.display_name as actor_name, e.payload
			from order_events e join users u on u.id = e.actor_id
			where e.customer_id = ${order.customerId}
				and e.seq > (select min(seq) from order_events where order_id = ${orderId})
			order by seq`;
		const subjects = await subjectsOf(tx, rows);
		const entries = rows
			.map((row, index) => shownTo(actor, entryOf(row, subjects[index])))
			.filter((entry): entry is HistoryEntry => entry !== null);
		if (options.newestFirst) entries.reverse();
		return { orderId: order.id, number: order.number, entries };
	});
}

function entryOf(row: EventRow, subject: HistoryEntry['subject']): HistoryEntry {
	const { before, after, detail, undoOf } = row.payload;
	return {
		seq: row.seq,
		at: row.createdAt.toISOString(),
		type: row.type,
		actor: row.actorName,
		actorId: row.actorId,
		kind: kindOf(row.type, after, detail),
		before,
		after,
		detail: detail ?? null,
		...(subject ? { subject } : {}),
		...(undoOf !== undefined ? { undoOf } : {})
	};
}

/**
 * What a stone or outside job was at each event, walking the log in order: an edit's detail names
 * only the fields it changed, and a job names its vendor by id.
 */
async function subjectsOf(tx: Tx, rows: EventRow[]): Promise<HistoryEntry['subject'][]> {
	const vendorIds = new Set<number>();
	for (const { payload } of rows) {
		for (const side of [payload.detail?.before, payload.detail?.after]) {
			const vendorId = fieldsOf(side).vendorId;
			if (typeof vendorId === 'number') vendorIds.add(vendorId);
		}
	}
	const vendors = new Map<number, string>();
	if (vendorIds.size) {
		const found = await tx<{ id: number; name: string }[]>`
			select id, name from vendors where id in ${tx([...vendorIds])}`;
		for (const vendor of found) vendors.set(vendor.id, vendor.name);
	}
	const stones = new Map<number, StoneSubject>();
	const jobs = new Map<number, { vendorId?: number; description?: string }>();
	return rows.map(({ type, payload }) => {
		const [thing] = type.split('.');
		if (thing !== 'stone' && thing !== 'vendor_job') return undefined;
		const removed = type === 'stone.removed';
		const fields = fieldsOf(removed ? payload.detail?.before : payload.detail?.after);
		const id = Number(fields.id);
		if (thing === 'stone') {
			const stone: StoneSubject = { ...stones.get(id), ...pick(fields, STONE_SUBJECT) };
			stones.set(id, stone);
			return stone;
		}
		const job = { ...jobs.get(id), ...pick(fields, ['vendorId', 'description']) };
		jobs.set(id, job);
		const subject: JobSubject = {
			vendorName: vendors.get(Number(job.vendorId)) ?? 'a vendor',
			...(job.description ? { description: job.description } : {})
		};
		return subject;
	});
}

const STONE_SUBJECT = ['role', 'source', 'gem', 'count', 'carats'];

const pick = (fields: Fields, names: string[]) =>
	Object.fromEntries(Object.entries(fields).filter(([field]) => names.includes(field)));

/**
 * An entry as the actor's role may see it. A payment says only that one was recorded; an edit that
 * changed nothing the role may see (a price, a phone number) is left out rather than shown empty.
 */
function shownTo(actor: Actor, entry: HistoryEntry): HistoryEntry | null {
	const seesMoney = can(actor.role, 'money.read');
	const hidden = [
		...(seesMoney ? [] : MONEY_FIELDS),
		...(can(actor.role, 'customers.contact') ? [] : CONTACT_FIELDS)
	];
	if (!hidden.length || !entry.detail) return entry;
	if (!seesMoney && entry.type === 'payment.recorded') return { ...entry, detail: null };
	// Why a piece went out unpaid is about the money owed: it goes with the balance.
	if (!seesMoney && entry.type === 'order.picked_up') hidden.push('overrideReason');
	const detail: Detail = {
		before: without(entry.detail.before, hidden),
		after: without(entry.detail.after, hidden)
	};
	const isEdit = /\.updated$/.test(entry.type);
	const changed = [
		...Object.keys(entry.after).filter((field) => field !== 'version'),
		...Object.keys(fieldsOf(detail.after)).filter((field) => field !== 'id')
	];
	if (isEdit && changed.length === 0) return null;
	return { ...entry, detail };
}
