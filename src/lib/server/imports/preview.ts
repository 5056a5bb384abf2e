import { IMPORT_FIELD_LABELS, type Mapping } from '../../import/columns';
import { readRow, type ReadRow, type RowProblem } from '../../import/rows';
import type { Sql } from '../db';
import { conflict } from '../errors';
import type { Actor } from '../events';
import { customerIndex, type KnownCustomer } from './customers';
import { parseMapping, readSheet, referenceOf, rowOptions } from './sheet';

export interface PreviewRow {
	row: number;
	stage: ReadRow['stage'];
	order: ReadRow['order'];
	/** The customer the order will go to when the phone or email is already known. */
	existingCustomer: KnownCustomer | null;
	/** A customer that an earlier row of this file will create (the same phone or email). */
	sameCustomerAsRow: number | null;
	/** "CO-1234" when this row was imported before (it will be skipped). */
	alreadyImportedAs: string | null;
	problems: RowProblem[];
}

export interface ImportPreview {
	total: number;
	/** Rows that will become orders. */
	ready: number;
	withProblems: number;
	alreadyImported: number;
	matchedCustomers: number;
	/** The first rows as they will be imported. */
	rows: PreviewRow[];
	/** Every row's problems, by row number and field (the first 2,000). */
	problems: { row: number; field: string; label: string; message: string }[];
	moreProblems: number;
	locale: string;
	mapping: Mapping;
}

const SHOWN_ROWS = 20;
const LISTED_PROBLEMS = 2000;

const contactKeys = (customer: ReadRow['order']['customer']) =>
	[
		customer.phone && customer.phone.replace(/\D/g, '').length >= 7
			? `phone:${customer.phone.replace(/\D/g, '').slice(-7)}`
			: null,
		customer.email?.includes('@') ? `email:${customer.email.toLowerCase()}` : null
	].filter((key): key is string => key !== null);

/** Every row read with this mapping: what it will become, and what stops it. Changes nothing. */
export async function previewImport(
	sql: Sql,
	actor: Actor,
	id: number,
	input: unknown
): Promise<ImportPreview> {
	const sheet = await readSheet(sql, actor, id);
	if (sheet.status !== 'uploaded') {
		throw conflict('This file was imported already: upload it again to preview it once more');
	}
	const mapping = parseMapping(input, sheet.headers, actor);
	const options = await rowOptions(sql, actor);
	const known = await customerIndex(sql);
	const reads = sheet.rows.map((cells, index) => readRow(cells, index, mapping, options));
	const references = reads.map((read, index) => referenceOf(read, sheet.rows[index]));
	const imported = new Map(
		(
			await sql<{ externalRef: string; number: string }[]>`
				select r.external_ref, o.number from import_refs r join orders o on o.id = r.order_id
				where r.external_ref = any(${references})`
		).map((row) => [row.externalRef, row.number])
	);
	const firstRowOf = new Map<string, number>();
	const preview: ImportPreview = {
		total: reads.length,
		ready: 0,
		withProblems: 0,
		alreadyImported: 0,
		matchedCustomers: 0,
		rows: [],
		problems: [],
		moreProblems: 0,
		locale: options.locale,
		mapping
	};
	reads.forEach((read, index) => {
		const existingCustomer = known(read.order.customer);
		const keys = existingCustomer ? [] : contactKeys(read.order.customer);
		const sameCustomerAsRow =
			keys.map((key) => firstRowOf.get(key)).find((row) => row !== undefined) ?? null;
		for (const key of keys) if (!firstRowOf.has(key)) firstRowOf.set(key, read.row);
		const alreadyImportedAs = imported.get(references[index]) ?? null;
		if (alreadyImportedAs) preview.alreadyImported++;
		else if (read.problems.length) preview.withProblems++;
		else preview.ready++;
		if (existingCustomer) preview.matchedCustomers++;
		for (const problem of read.problems) {
			if (preview.problems.length >= LISTED_PROBLEMS) preview.moreProblems++;
			else
				preview.problems.push({
					row: read.row,
					field: problem.field,
					label: problem.field === 'customer' ? 'Customer' : IMPORT_FIELD_LABELS[problem.field],
					message: problem.message
				});
		}
		if (index < SHOWN_ROWS) {
			preview.rows.push({
				row: read.row,
				stage: read.stage,
				order: read.order,
				existingCustomer,
				sameCustomerAsRow,
				alreadyImportedAs,
				problems: read.problems
			});
		}
	});
	return preview;
}
