import { toCsv } from '../../csv';
import type { Sql } from '../db';
import type { Actor } from '../events';
import { requireImport } from './sheet';

/** The import's report: one line per row of the file, what became of it. */
export async function importReport(sql: Sql, actor: Actor, id: number): Promise<string> {
	requireImport(actor);
	const rows = await sql<
		{ rowNumber: number; result: string; number: string | null; problem: string | null }[]
	>`
		select r.row_number, r.result, o.number, r.problem
		from import_results r left join orders o on o.id = r.order_id
		where r.import_id = ${id} order by r.row_number`;
	return toCsv([
		['Row', 'Result', 'Order', 'Problem or note'],
		...rows.map((row) => [row.rowNumber, row.result, row.number, row.problem])
	]);
}

/** The last imports, newest first: a page opened again finds the one still running. */
export async function recentImports(sql: Sql, actor: Actor) {
	requireImport(actor);
	return sql<{ id: number; fileName: string; status: string; total: number; createdAt: string }[]>`
		select id, file_name, status, total,
			to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as created_at
		from imports where status <> 'uploaded' order by id desc limit 10`;
}
