import { daysInStage, isStuck, type StageThresholds } from './aging';
import { STAGE_LABELS } from './stages';
import type { OrderCard } from './types';
import { PIECE_TYPE_LABELS } from './words/vocabulary';

type Cell = string | number | null;

/**
 * One CSV field. A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return,
 * which some read past) as a formula, and a customer's name or a blocker is typed by anyone: such
 * text gets a leading apostrophe, which spreadsheets show as text. A number is never a formula, so
 * a negative balance stays a number.
 */
export function csvField(value: Cell): string {
	let text = value === null ? '' : String(value);
	if (typeof value !== 'number' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Starts a file, so that Excel reads accented names as UTF-8 rather than the system's code page. */
export const CSV_BOM = '\uFEFF';

/** One record, RFC 4180: ended by CRLF. */
export function csvRecord(row: readonly Cell[]): string {
	return row.map(csvField).join(',') + '\r\n';
}

/** A whole file: a byte order mark, then its records. */
export function toCsv(rows: Cell[][]): string {
	return CSV_BOM + rows.map(csvRecord).join('');
}

export const ORDER_CSV_HEADER = [
	'Number',
	'Title',
	'Piece type',
	'Stage',
	'Customer',
	'Due date',
	'Rush',
	'Assignee',
	'Waiting on',
	'Days in stage',
	'Stuck'
];

/** The board's cards as a spreadsheet, in the order given (the board's, as filtered). */
export function ordersCsv(
	cards: readonly OrderCard[],
	context: { today: string; timeZone: string; thresholds: StageThresholds }
): string {
	const rows = cards.map((card) => [
		card.number,
		card.title,
		PIECE_TYPE_LABELS[card.pieceType] ?? card.pieceType,
		STAGE_LABELS[card.stage],
		card.customerName,
		card.dueDate,
		card.rush ? 'Yes' : 'No',
		card.assignee,
		card.firstBlocker,
		daysInStage(card.stageEnteredAt, context.today, context.timeZone),
		isStuck(card, context.thresholds, context.today, context.timeZone) ? 'Yes' : 'No'
	]);
	return toCsv([ORDER_CSV_HEADER, ...rows]);
}

export function ordersCsvName(today: string): string {
	return `benchboard-orders-${today}.csv`;
}

/** Saves text as a file from the browser, with no round trip to the server. */
export function downloadText(
	fileName: string,
	text: string,
	type = 'text/csv;charset=utf-8'
): void {
	const url = URL.createObjectURL(new Blob([text], { type }));
	const link = document.createElement('a');
	link.href = url;
	link.download = fileName;
	document.body.append(link);
	link.click();
	link.remove();
	// Revoked at once, some browsers drop the download they have not started reading yet.
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
