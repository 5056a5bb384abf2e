import { IMPORT_FIELD_LABELS, type Mapping } from '../../import/columns';
import { readRow, type RowOptions } from '../../import/rows';
import { createOrderSchema } from '../../validation';
import { runCommand } from '../commands';
import type { Sql, Tx } from '../db';
import { conflict, DomainError, notFound, parseInput } from '../errors';
import type { Actor } from '../events';
import { log } from '../log';
import { insertOrder } from '../orders';
import type { Services } from '../services';
import { transaction } from '../transaction';
import { matchCustomer } from './customers';
import { parseMapping, readSheet, referenceOf, requireImport, rowOptions } from './sheet';

/**
 * The import itself: a job in the server, one transaction per row, its progress kept in the
 * database so the page can be closed and opened again. One import runs at a time.
 */

export interface ImportStatus {
	id: number;
	fileName: string;
	status: 'uploaded' | 'running' | 'done' | 'failed';
	total: number;
	done: number;
	created: number;
	skipped: number;
	failed: number;
	startedAt: string | null;
	finishedAt: string | null;
}

/** Imports this process is running now. */
const running = new Set<number>();

/** A running import that has not finished a row for this long lost its process: it is resumed. */
const STALLED_MS = 60_000;

export async function importStatus(services: Services, actor: Actor, id: number) {
	requireImport(actor);
	const [row] = await services.db.sql<(ImportStatus & { stalled: boolean })[]>`
		select id, file_name, status, total, done, created_count as created,
			skipped_count as skipped, failed_count as failed,
			to_char(started_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as started_at,
			to_char(finished_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as finished_at,
			coalesce(progressed_at, started_at) < now() - make_interval(secs => ${STALLED_MS / 1000})
				as stalled
		from imports where id = ${id}`;
	if (!row) throw notFound(`Import ${id}`);
	const { stalled, ...status } = row;
	if (status.status === 'running' && stalled && !running.has(id)) void run(services, id);
	return status;
}

/** Starts importing every valid row with this mapping; answers at once with the job's status. */
export async function startImport(services: Services, actor: Actor, id: number, input: unknown) {
	const sheet = await readSheet(services.db.sql, actor, id);
	const mapping = parseMapping(input, sheet.headers, actor);
	if (sheet.status !== 'uploaded') {
		throw conflict(`This file was imported already: upload it again to import it once more`);
	}
	try {
		const [started] = await services.db.sql`
			update imports set status = 'running', mapping = ${services.db.sql.json(mapping)},
				started_at = now(), progressed_at = now()
			where id = ${id} and status = 'uploaded' returning id`;
		if (!started) throw conflict('This file is being imported already');
	} catch (error) {
		if ((error as { code?: string }).code === '23505') {
			throw conflict('Another import is running: wait for it to finish, then start this one');
		}
		throw error;
	}
	void run(services, id);
	return importStatus(services, actor, id);
}

/**
 * The job: each row not done yet, in turn, in the name of the person who started it (also when
 * resumed by someone else's status read). A failure of the job itself marks the import failed.
 */
async function run(services: Services, id: number): Promise<void> {
	if (running.has(id)) return;
	running.add(id);
	try {
		const sql = services.db.sql;
		const [job] = await sql<{ rows: string[][]; mapping: Mapping; done: number; actor: Actor }[]>`
			select i.rows, i.mapping, i.done,
				json_build_object('id', u.id, 'name', u.display_name, 'role', u.role) as actor
			from imports i join users u on u.id = i.created_by where i.id = ${id}`;
		const actor = job.actor;
		const options = await rowOptions(sql, actor);
		for (let index = job.done; index < job.rows.length; index++) {
			await importRow(services, actor, id, job.rows[index], index, job.mapping, options);
		}
		// Its rows are in the orders and the report now: the file's copy is not kept (nor backed up).
		await sql`
			update imports set status = 'done', finished_at = now(), rows = '[]'::jsonb where id = ${id}`;
	} catch (error) {
		log.error({ err: error, importId: id }, 'import failed');
		await services.db.sql`
			update imports set status = 'failed', finished_at = now() where id = ${id}`.catch(() => {});
	} finally {
		running.delete(id);
	}
}

type Result = 'created' | 'skipped' | 'failed';

async function record(
	tx: Tx | Sql,
	id: number,
	index: number,
	result: Result,
	detail: { orderId?: number; problem?: string }
) {
	await tx`
		with result as (
			insert into import_results (import_id, row_number, result, order_id, problem)
			values (${id}, ${index + 2}, ${result}, ${detail.orderId ?? null}, ${detail.problem ?? null})
			on conflict (import_id, row_number) do nothing
		)
		update imports set done = ${index + 1}, progressed_at = now(),
			created_count = created_count + ${result === 'created' ? 1 : 0},
			skipped_count = skipped_count + ${result === 'skipped' ? 1 : 0},
			failed_count = failed_count + ${result === 'failed' ? 1 : 0}
		where id = ${id}`;
}

/** One row in one transaction: its order (and customer, new or matched) and its report line. */
async function importRow(
	services: Services,
	actor: Actor,
	id: number,
	cells: string[],
	index: number,
	mapping: Mapping,
	options: RowOptions
): Promise<void> {
	const read = readRow(cells, index, mapping, options);
	if (read.problems.length) {
		const problem = read.problems
			.map(
				({ field, message }) =>
					`${field === 'customer' ? 'Customer' : IMPORT_FIELD_LABELS[field]}: ${message}`
			)
			.join('; ');
		await transaction(services.db.sql, (tx) => record(tx, id, index, 'failed', { problem }));
		return;
	}
	const reference = referenceOf(read, cells);
	try {
		await runCommand(services, async (tx) => {
			const [before] = await tx<{ number: string; orderId: number }[]>`
				select o.number, r.order_id from import_refs r join orders o on o.id = r.order_id
				where r.external_ref = ${reference}`;
			if (before) {
				await record(tx, id, index, 'skipped', {
					orderId: before.orderId,
					problem: `already imported as ${before.number}`
				});
				return { result: null, event: null };
			}
			const existing = await matchCustomer(tx, read.order.customer);
			const data = parseInput(
				createOrderSchema,
				existing ? { ...read.order, customer: { id: existing.id } } : read.order
			);
			const change = await insertOrder(tx, actor, data, read.stage);
			await tx`
				insert into import_refs (external_ref, order_id) values (${reference}, ${change.result.id})`;
			await record(tx, id, index, 'created', {
				orderId: change.result.id,
				problem: existing ? `for ${existing.name}, an existing customer` : undefined
			});
			return change;
		});
	} catch (error) {
		const problem =
			error instanceof DomainError ? error.message : 'could not be saved (nothing of it was kept)';
		if (!(error instanceof DomainError))
			log.error({ err: error, importId: id }, 'import row failed');
		await transaction(services.db.sql, (tx) => record(tx, id, index, 'failed', { problem }));
	}
}
