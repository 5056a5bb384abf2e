/**
 * Reading an uploaded spreadsheet file (CSV, RFC 4180) into rows of text, with the limits and the
 * plain-words refusals an upload needs. Cells are text and stay text: "=HYPERLINK(...)" is read as
 * those characters, never evaluated.
 */

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 10_000;
export const MAX_IMPORT_COLUMNS = 100;
export const MAX_CELL_CHARS = 10_000;

export class FileProblem extends Error {}

export interface ReadSheet {
	headers: string[];
	rows: string[][];
	/** How the bytes were read: UTF-8 unless the file was not valid UTF-8. */
	encoding: 'utf-8' | 'utf-16' | 'windows-1252';
	delimiter: ',' | ';' | '\t';
}

function decode(bytes: Uint8Array): { text: string; encoding: ReadSheet['encoding'] } {
	if (bytes[0] === 0xff && bytes[1] === 0xfe) {
		return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16' };
	}
	if (bytes[0] === 0xfe && bytes[1] === 0xff) {
		return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16' };
	}
	try {
		const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
		return { text, encoding: 'utf-8' };
	} catch {
		// Excel on Windows saves "CSV" in the system's code page: read it as Windows-1252.
		return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
	}
}

function refuseNonText(bytes: Uint8Array): void {
	if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
		throw new FileProblem(
			'This looks like an Excel workbook (XLSX): open it and save it as CSV (File > Save As > CSV UTF-8), then upload that'
		);
	}
	const utf16 =
		(bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
	if (!utf16 && bytes.subarray(0, 8192).includes(0)) {
		throw new FileProblem('This is not a CSV file: it holds binary data');
	}
}

function pickDelimiter(text: string): ReadSheet['delimiter'] {
	const firstLine = text.slice(0, text.search(/\r|\n|$/));
	const count = (char: string) => firstLine.split(char).length - 1;
	const candidates = [',', ';', '\t'] as const;
	return [...candidates].sort((a, b) => count(b) - count(a))[0];
}

/** The records of a CSV text: quoted fields may hold the delimiter, quotes ("") and line breaks. */
function records(text: string, delimiter: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	let i = 0;
	const endCell = () => {
		if (cell.length > MAX_CELL_CHARS) {
			throw new FileProblem(
				`Row ${rows.length + 1} has a cell longer than ${MAX_CELL_CHARS} characters`
			);
		}
		row.push(cell);
		cell = '';
		if (row.length > MAX_IMPORT_COLUMNS) {
			throw new FileProblem(`Row ${rows.length + 1} has more than ${MAX_IMPORT_COLUMNS} columns`);
		}
	};
	const endRow = () => {
		endCell();
		if (row.some((value) => value.trim() !== '')) rows.push(row);
		row = [];
		if (rows.length > MAX_IMPORT_ROWS + 1) {
			throw new FileProblem(
				`The file has more than ${MAX_IMPORT_ROWS.toLocaleString('en-US')} rows: split it into smaller files`
			);
		}
	};
	while (i < text.length) {
		const char = text[i];
		if (quoted) {
			if (char === '"') {
				if (text[i + 1] === '"') {
					cell += '"';
					i += 2;
					continue;
				}
				quoted = false;
			} else {
				cell += char;
				if (cell.length > MAX_CELL_CHARS) endCell();
			}
			i++;
			continue;
		}
		if (char === '"' && cell.trim() === '') {
			quoted = true;
			cell = '';
		} else if (char === delimiter) endCell();
		else if (char === '\r' || char === '\n') {
			endRow();
			if (char === '\r' && text[i + 1] === '\n') i++;
		} else {
			cell += char;
			if (cell.length > MAX_CELL_CHARS) endCell();
		}
		i++;
	}
	if (quoted) throw new FileProblem(`Row ${rows.length + 1} opens a quote (") that never closes`);
	if (cell !== '' || row.length) endRow();
	return rows;
}

/** The file's header row and data rows, or a FileProblem saying in plain words why not. */
export function readCsv(bytes: Uint8Array): ReadSheet {
	if (bytes.length === 0) throw new FileProblem('The file is empty');
	if (bytes.length > MAX_IMPORT_BYTES) {
		throw new FileProblem(`The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
	}
	refuseNonText(bytes);
	const { text: raw, encoding } = decode(bytes);
	const text = raw.replace(/^\uFEFF/, '');
	if (text.trim() === '') throw new FileProblem('The file is empty');
	const delimiter = pickDelimiter(text);
	const [headerRow, ...rows] = records(text, delimiter);
	const headers = headerRow.map((header) => header.trim());
	const named = headers.filter((header) => header !== '');
	if (named.length === 0 || (rows.length === 0 && named.length < 2) || looksLikeData(headers)) {
		throw new FileProblem(
			'The file has no header row: its first line must name the columns (Customer, Phone, Due...)'
		);
	}
	if (rows.length === 0) throw new FileProblem('The file has a header row but no rows under it');
	return {
		headers: headers.map((header, index) => header || `Column ${index + 1}`),
		rows: rows.map((row) => headers.map((_, index) => (row[index] ?? '').trim())),
		encoding,
		delimiter
	};
}

/** A first line of dates, amounts, phones or emails is data, not a header. */
function looksLikeData(headers: string[]): boolean {
	const values = headers.filter((header) => header !== '');
	const dataLike = values.filter((value) => /^[\d\s$€£.,:/+()-]+$|@/.test(value));
	return dataLike.length > 0 && dataLike.length >= values.length / 2;
}
