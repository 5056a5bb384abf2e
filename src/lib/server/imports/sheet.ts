import { createHash } from 'node:crypto';
import { z } from 'zod';
import { guessMapping, IMPORT_FIELDS, MONEY_FIELDS, type Mapping } from '../../import/columns';
import { FileProblem, readCsv } from '../../import/csv-read';
import type { ReadRow, RowOptions } from '../../import/rows';
import { moneyFormat } from '../../money';
import { readShopProfile } from '../shop-profile';
import { can, requirePermission } from '../auth/roles';
import type { Sql, Tx } from '../db';
import { DomainError, invalid, notFound, parseInput } from '../errors';
import type { Actor } from '../events';

/** An uploaded spreadsheet: kept until imported, read again with each mapping. */

export interface ImportSheet {
	id: number;
	fileName: string;
	headers: string[];
	total: number;
	/** The columns' first guess (an upload), or the mapping an import used. */
	mapping: Mapping;
	/** The first few values of each column, to recognise it by. */
	samples: string[][];
}

export const seesMoney = (actor: Actor) => can(actor.role, 'money.edit');

/** How this shop's rows are read: its locale's dates and amounts, in its currency's unit. */
export async function rowOptions(q: Sql | Tx, actor: Actor): Promise<RowOptions> {
	const { locale, currency } = await readShopProfile(q);
	return { locale, money: seesMoney(actor), moneyDigits: moneyFormat(currency, locale).digits };
}

const FOR_OWNERS = 'Importing a spreadsheet of orders is for the owner and managers';

export const requireImport = (actor: Actor) =>
	requirePermission(actor, 'orders.import', FOR_OWNERS);

/** Reads the upload, or refuses it with a 400 that says what is wrong with the file. */
export async function uploadSheet(
	sql: Sql,
	actor: Actor,
	fileName: string,
	bytes: Uint8Array
): Promise<ImportSheet> {
	requireImport(actor);
	let sheet;
	try {
		sheet = readCsv(bytes);
	} catch (error) {
		if (error instanceof FileProblem) {
			throw new DomainError(400, 'invalid', error.message, { field: 'file' });
		}
		throw error;
	}
	const name = fileName.replace(/[^\p{L}\p{N} ._()-]/gu, '').slice(0, 200) || 'upload.csv';
	// A file uploaded and never imported is not kept for long.
	await sql`delete from imports where status = 'uploaded' and created_at < now() - interval '1 day'`;
	const [{ id }] = await sql<{ id: number }[]>`
		insert into imports (created_by, file_name, headers, rows, total)
		values (${actor.id}, ${name}, ${sql.json(sheet.headers)}, ${sql.json(sheet.rows)},
			${sheet.rows.length})
		returning id`;
	return {
		id,
		fileName: name,
		headers: sheet.headers,
		total: sheet.rows.length,
		mapping: guessMapping(sheet.headers, { money: seesMoney(actor) }),
		samples: sheet.headers.map((_, column) =>
			sheet.rows.slice(0, 3).map((row) => row[column].slice(0, 60))
		)
	};
}

export async function readSheet(q: Sql | Tx, actor: Actor, id: number) {
	requireImport(actor);
	const [row] = await q<
		{
			id: number;
			fileName: string;
			headers: string[];
			rows: string[][];
			total: number;
			mapping: Mapping | null;
			status: string;
		}[]
	>`select id, file_name, headers, rows, total, mapping, status from imports where id = ${id}`;
	if (!row) throw notFound(`Import ${id}`);
	return row;
}

/**
 * `{ mapping }`: each field names a column (its index from 0) of a file of `columns` columns, or
 * none. Without `columns`, any index: the API's document describes it so.
 */
export function mappingSchema(columns?: number) {
	let column = z
		.number({ error: 'must be a column number (from 0) or null' })
		.int('must be a column number (from 0) or null')
		.min(0, 'must be a column number (from 0) or null');
	if (columns !== undefined)
		column = column.max(columns - 1, `must be a column of this file (0 to ${columns - 1})`);
	return z.strictObject({
		mapping: z.strictObject(
			Object.fromEntries(IMPORT_FIELDS.map((field) => [field, column.nullable().optional()])),
			{ error: 'must map fields to columns' }
		)
	});
}

/** A mapping sent by a person: each field names a column of this file, or none. */
export function parseMapping(input: unknown, headers: string[], actor: Actor): Mapping {
	const { mapping } = parseInput(mappingSchema(headers.length), input) as { mapping: Mapping };
	const money = seesMoney(actor);
	for (const field of MONEY_FIELDS) {
		if (mapping[field] != null && !money)
			throw invalid(`mapping.${field}`, 'needs a role that may set prices');
	}
	const used = new Map<number, string>();
	for (const [field, index] of Object.entries(mapping)) {
		if (index == null) continue;
		if (used.has(index)) {
			throw invalid(
				`mapping.${field}`,
				`uses the column "${headers[index]}" that ${used.get(index)} uses`
			);
		}
		used.set(index, field);
	}
	const named = (field: keyof Mapping) => mapping[field] != null;
	if (!named('customerName') && !(named('givenName') && named('familyName'))) {
		throw invalid(
			'mapping.customerName',
			'is required: map a full-name column, or first and last name'
		);
	}
	if (!named('title') && !named('description')) {
		throw invalid('mapping.title', 'is required: map a title or a description column');
	}
	return mapping;
}

/** The reference that makes a row's import happen once: the file's own, or its content's hash. */
export function referenceOf(read: ReadRow, cells: string[]): string {
	if (read.reference) return `ref:${read.reference.toLowerCase().replace(/\s+/g, ' ')}`;
	return `row:${createHash('sha256').update(JSON.stringify(cells)).digest('hex')}`;
}
