import { createOrderSchema } from '../validation';
import type { BoardStage } from '../stages';
import type { ImportField, Mapping } from './columns';
import {
	readCents,
	readDate,
	readPieceType,
	readRingSize,
	readRush,
	readStage,
	splitName,
	type Read
} from './values';

/** One spreadsheet row read as a new order: what createOrder takes, and every problem with it. */

export interface RowProblem {
	field: ImportField | 'customer';
	message: string;
}

export interface ReadRow {
	/** The row's number in the file as a spreadsheet shows it: the header is row 1. */
	row: number;
	stage: BoardStage;
	/** What createOrder takes (its customer new; a duplicate is matched on the server). */
	order: Record<string, unknown> & {
		customer: { givenName: string; familyName: string; phone: string | null; email: string | null };
	};
	reference: string | null;
	problems: RowProblem[];
}

export interface RowOptions {
	locale: string;
	/** Whether the importing person may set money (price, deposit). */
	money: boolean;
	/** The shop currency's digits after the decimal separator (2 for cents, 0 for yen). */
	moneyDigits?: number;
}

/** The path of a createOrder field back to the spreadsheet field it came from. */
const FIELD_OF: Record<string, ImportField> = {
	'customer.givenName': 'givenName',
	'customer.familyName': 'familyName',
	'customer.phone': 'phone',
	'customer.email': 'email',
	title: 'title',
	dueDate: 'dueDate',
	rush: 'rush',
	assignee: 'assignee',
	pieceType: 'pieceType',
	sizeValue: 'ringSize',
	sizeScale: 'ringSize',
	designNotes: 'notes',
	customerRequests: 'description',
	quotedPriceCents: 'quotedPrice',
	'deposit.amountCents': 'deposit'
};

export function readRow(
	cells: string[],
	index: number,
	mapping: Mapping,
	options: RowOptions
): ReadRow {
	const problems: RowProblem[] = [];
	const cell = (field: ImportField) => {
		const column = mapping[field];
		return column == null ? '' : (cells[column] ?? '').trim();
	};
	function take<T>(field: ImportField, read: Read<T>): T | null {
		if ('problem' in read) {
			problems.push({ field, message: read.problem });
			return null;
		}
		return read.value;
	}

	let givenName = cell('givenName');
	let familyName = cell('familyName');
	if (mapping.customerName != null && !(givenName && familyName)) {
		const split = take('customerName', splitName(cell('customerName')));
		givenName ||= split?.givenName ?? '';
		familyName ||= split?.familyName ?? '';
	}
	const customer = {
		givenName,
		familyName,
		phone: cell('phone') || null,
		email: cell('email') || null
	};

	const stage = take('stage', readStage(cell('stage'))) ?? 'intake';
	const description = cell('description');
	const pieceType = take('pieceType', readPieceType(cell('pieceType')));
	const title = cell('title') || description.split(/\r?\n/)[0].slice(0, 120);
	const order: ReadRow['order'] = { customer, title };
	if (description && description !== title) order.customerRequests = description;
	if (pieceType) order.pieceType = pieceType;
	const dueDate = take('dueDate', readDate(cell('dueDate'), options.locale));
	if (dueDate) order.dueDate = dueDate;
	const rush = take('rush', readRush(cell('rush')));
	if (rush) order.rush = true;
	const size = take('ringSize', readRingSize(cell('ringSize')));
	if (size) Object.assign(order, size);
	if (cell('assignee')) order.assignee = cell('assignee');
	if (cell('notes')) order.designNotes = cell('notes');
	if (options.money) {
		const price = take(
			'quotedPrice',
			readCents(cell('quotedPrice'), options.locale, options.moneyDigits)
		);
		if (price != null) order.quotedPriceCents = price;
		const deposit = take(
			'deposit',
			readCents(cell('deposit'), options.locale, options.moneyDigits)
		);
		if (deposit) {
			order.deposit = { amountCents: deposit, method: 'other', note: 'Deposit from the import' };
		}
	}

	// The intake form's own rules, field by field: every problem, not only the first.
	const checked = createOrderSchema.safeParse(order);
	if (!checked.success) {
		const issues = checked.error.issues.flatMap((issue) =>
			issue.code === 'invalid_union' && issue.path[0] === 'customer'
				? (issue.errors.at(-1) ?? []).map((inner) => ({
						...inner,
						path: ['customer', ...inner.path]
					}))
				: [issue]
		);
		for (const issue of issues) {
			const path = issue.path.join('.');
			const field = FIELD_OF[path] ?? (path.startsWith('customer') ? 'customer' : 'title');
			const named =
				(field === 'givenName' || field === 'familyName') &&
				mapping[field] == null &&
				mapping.customerName != null
					? 'customerName'
					: field;
			if (problems.some((problem) => problem.field === named)) continue;
			problems.push({ field: named, message: issue.message });
		}
	}
	return { row: index + 2, stage, order, reference: cell('externalRef') || null, problems };
}
