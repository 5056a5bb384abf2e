import { CSV_BOM, csvRecord } from '../csv';
import { todayIn } from '../due';
import { moneyFormat } from '../money';
import { requirePermission } from './auth/roles';
import type { Sql } from './db';
import { invalid } from './errors';
import type { Actor } from './events';
import type { Download } from './http';
import { readSettings } from './settings';

/**
 * The owner's full export: every order (open and archived) with its customer and money, and the
 * whole event log, as CSV or JSON lines. Streamed a page at a time, each page read when the
 * download asks for it, so a shop of 50,000 orders never sits in memory and, on the embedded
 * database's one connection, other requests go between the pages. Each export stops at the last
 * order and event that existed when it began.
 */

/** CSV for a spreadsheet, JSON lines (one object a line) for another program. */
export type ExportFormat = 'csv' | 'jsonl';

const PAGE = 500;
const CONTENT_TYPES: Record<ExportFormat, string> = {
	csv: 'text/csv; charset=utf-8',
	jsonl: 'application/jsonl; charset=utf-8'
};

function formatOf(query: URLSearchParams): ExportFormat {
	const format = query.get('format') ?? 'csv';
	if (format !== 'csv' && format !== 'jsonl') throw invalid('format', 'must be csv or jsonl');
	return format;
}

/**
 * A file of `header` and then one line per row, read page by page after `key` of the last row.
 * Read only when the reader wants more: at most one page is held.
 */
export function pagedFile<R>(
	header: string,
	readPage: (after: number) => Promise<R[]>,
	key: (row: R) => number,
	line: (row: R) => string
): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder();
	let after = 0;
	return new ReadableStream<Uint8Array>(
		{
			start(controller) {
				if (header) controller.enqueue(encoder.encode(header));
			},
			async pull(controller) {
				const rows = await readPage(after);
				if (rows.length === 0) return controller.close();
				after = key(rows[rows.length - 1]);
				controller.enqueue(encoder.encode(rows.map(line).join('')));
			}
		},
		{ highWaterMark: 1 }
	);
}

async function beginExport(
	sql: Sql,
	actor: Actor,
	query: URLSearchParams,
	what: 'orders' | 'events'
) {
	requirePermission(actor, 'data.export', 'Only the owner, signed in, exports the shop’s data');
	const format = formatOf(query);
	const settings = await readSettings(sql);
	return {
		format,
		settings,
		file: (body: ReadableStream<Uint8Array>): Download => ({
			fileName: `benchboard-${what}-${todayIn(settings.timeZone)}.${format}`,
			contentType: CONTENT_TYPES[format],
			body
		})
	};
}

interface OrderRow {
	id: number;
	number: string;
	title: string;
	pieceType: string;
	stage: string;
	archived: boolean;
	createdAt: Date;
	updatedAt: Date;
	stageEnteredAt: Date;
	dueDate: string | null;
	rush: boolean;
	assignee: string | null;
	metal: string | null;
	sizeValue: string | null;
	sizeScale: string | null;
	occasion: string | null;
	customerId: number;
	givenName: string;
	familyName: string;
	phone: string | null;
	email: string | null;
	quotedPriceCents: number | null;
	paidCents: number;
	payments: {
		kind: string;
		amountCents: number;
		method: string;
		paidOn: string;
		takenBy: string;
		note: string | null;
	}[];
}

const ORDER_HEADER = [
	'Order id',
	'Number',
	'Title',
	'Piece type',
	'Stage',
	'Archived',
	'Created',
	'Updated',
	'Stage entered',
	'Due date',
	'Rush',
	'Assignee',
	'Metal',
	'Size',
	'Occasion',
	'Customer id',
	'Given name',
	'Family name',
	'Phone',
	'Email',
	'Currency',
	'Quoted price',
	'Paid',
	'Balance',
	'Payments'
];

/** Every order with its customer and money, by id; payments in full in JSON lines. */
export async function exportOrders(
	sql: Sql,
	actor: Actor,
	query: URLSearchParams
): Promise<Download> {
	const { format, settings, file } = await beginExport(sql, actor, query, 'orders');
	const [{ last }] = await sql<{ last: number }[]>`
		select coalesce(max(id), 0) as last from orders`;
	const readPage = (after: number) => sql<OrderRow[]>`
		select o.id, o.number, o.title, o.piece_type, o.stage, o.order_key is null as archived,
			o.created_at, o.updated_at, o.stage_entered_at, o.due_date, o.rush, o.assignee, o.metal,
			o.size_value, o.size_scale, o.occasion, c.id as customer_id, c.given_name, c.family_name,
			c.phone, c.email, o.quoted_price_cents, coalesce(p.paid_cents, 0) as paid_cents,
			coalesce(p.payments, '[]') as payments
		from orders o
		join customers c on c.id = o.customer_id
		left join lateral (
			select sum(case when p.kind = 'refund' then -p.amount_cents else p.amount_cents end)::bigint
					as paid_cents,
				json_agg(json_build_object('kind', p.kind, 'amountCents', p.amount_cents,
					'method', p.method, 'paidOn', p.paid_on, 'takenBy', u.display_name, 'note', p.note)
					order by p.paid_on, p.id) as payments
			from payments p join users u on u.id = p.taken_by
			where p.order_id = o.id
		) p on true
		where o.id > ${after} and o.id <= ${last}
		order by o.id
		limit ${PAGE}`;
	const { currency } = settings;
	const balanceOf = (row: OrderRow) =>
		row.quotedPriceCents === null ? null : row.quotedPriceCents - row.paidCents;
	if (format === 'jsonl') {
		return file(
			pagedFile(
				'',
				readPage,
				(row) => row.id,
				(row) => {
					const { givenName, familyName, phone, email, customerId, ...piece } = row;
					const { quotedPriceCents, paidCents, payments, ...order } = piece;
					const customer = { id: customerId, givenName, familyName, phone, email };
					const balanceCents = balanceOf(row);
					const money = { currency, quotedPriceCents, paidCents, balanceCents, payments };
					return JSON.stringify({ ...order, customer, money }) + '\n';
				}
			)
		);
	}
	// A spreadsheet reads amounts in the currency's units (1250.5), not in cents.
	const scale = 10 ** moneyFormat(currency).digits;
	const units = (cents: number | null) => (cents === null ? null : cents / scale);
	return file(
		pagedFile(
			CSV_BOM + csvRecord(ORDER_HEADER),
			readPage,
			(row) => row.id,
			(row) =>
				csvRecord([
					row.id,
					row.number,
					row.title,
					row.pieceType,
					row.stage,
					row.archived ? 'yes' : 'no',
					row.createdAt.toISOString(),
					row.updatedAt.toISOString(),
					row.stageEnteredAt.toISOString(),
					row.dueDate,
					row.rush ? 'yes' : 'no',
					row.assignee,
					row.metal,
					row.sizeValue === null ? null : `${row.sizeValue} ${row.sizeScale}`,
					row.occasion,
					row.customerId,
					row.givenName,
					row.familyName,
					row.phone,
					row.email,
					currency,
					units(row.quotedPriceCents),
					units(row.paidCents),
					units(balanceOf(row)),
					row.payments.length
				])
		)
	);
}

interface EventRow {
	seq: number;
	createdAt: Date;
	orderId: number | null;
	orderNumber: string | null;
	customerId: number | null;
	type: string;
	actorId: number;
	actorName: string;
	payload: unknown;
	prevHash: string | null;
	hash: string;
}

const EVENT_HEADER = [
	'Seq',
	'Time',
	'Order id',
	'Order number',
	'Customer id',
	'Type',
	'Actor id',
	'Actor',
	'Payload (JSON)',
	'Previous hash',
	'Hash'
];

/** The whole event log in seq order, with each actor's name and the hash chain's links. */
export async function exportEvents(
	sql: Sql,
	actor: Actor,
	query: URLSearchParams
): Promise<Download> {
	const { format, file } = await beginExport(sql, actor, query, 'events');
	const [{ last }] = await sql<{ last: number }[]>`select last_seq as last from event_counter`;
	const readPage = (after: number) => sql<EventRow[]>`
		select e.seq, e.created_at, e.order_id, o.number as order_number, e.customer_id, e.type,
			e.actor_id, u.display_name as actor_name, e.payload, e.prev_hash, e.hash
		from order_events e
		join users u on u.id = e.actor_id
		left join orders o on o.id = e.order_id
		where e.seq > ${after} and e.seq <= ${last}
		order by e.seq
		limit ${PAGE}`;
	const line =
		format === 'jsonl'
			? ({ seq, createdAt, ...row }: EventRow) =>
					JSON.stringify({ seq, at: createdAt.toISOString(), ...row }) + '\n'
			: (row: EventRow) =>
					csvRecord([
						row.seq,
						row.createdAt.toISOString(),
						row.orderId,
						row.orderNumber,
						row.customerId,
						row.type,
						row.actorId,
						row.actorName,
						JSON.stringify(row.payload),
						row.prevHash,
						row.hash
					]);
	return file(
		pagedFile(
			format === 'csv' ? CSV_BOM + csvRecord(EVENT_HEADER) : '',
			readPage,
			(row) => row.seq,
			line
		)
	);
}
