import { describe, expect, it } from 'vitest';
import { guessMapping } from '../../src/lib/import/columns';
import { FileProblem, readCsv } from '../../src/lib/import/csv-read';
import { readRow } from '../../src/lib/import/rows';
import {
	readCents,
	readDate,
	readPieceType,
	readStage,
	splitName
} from '../../src/lib/import/values';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('guessing columns from header names', () => {
	it('recognises the usual headers whatever their case, spacing and words', () => {
		const headers = [
			'Job #',
			'Customer',
			'PHONE',
			'E-mail',
			'Item',
			'Type',
			'Status',
			'Due',
			'Ring size',
			'Price',
			'Deposit',
			'Jeweler',
			'Notes',
			'Rush?'
		];
		expect(guessMapping(headers, { money: true })).toEqual({
			externalRef: 0,
			customerName: 1,
			phone: 2,
			email: 3,
			title: 4,
			pieceType: 5,
			stage: 6,
			dueDate: 7,
			ringSize: 8,
			quotedPrice: 9,
			deposit: 10,
			assignee: 11,
			notes: 12,
			rush: 13
		});
	});

	it('prefers first and last name columns to a full name, and leaves money out without the right', () => {
		const mapping = guessMapping(['First Name', 'Last Name', 'Name', 'Quote', 'Due date'], {
			money: false
		});
		expect(mapping).toEqual({ givenName: 0, familyName: 1, dueDate: 4 });
	});
});

describe('reading cells', () => {
	it('reads ISO dates and the shop locale’s usual form, and says which form it expects', () => {
		expect(readDate('2026-12-14', 'en-US')).toEqual({ value: '2026-12-14' });
		expect(readDate('12/14/2026', 'en-US')).toEqual({ value: '2026-12-14' });
		expect(readDate('14/12/2026', 'en-GB')).toEqual({ value: '2026-12-14' });
		expect(readDate('14.12.2026', 'de-DE')).toEqual({ value: '2026-12-14' });
		expect(readDate('Dec 14, 2026', 'en-US')).toEqual({ value: '2026-12-14' });
		expect(readDate('', 'en-US')).toEqual({ value: null });
		expect(readDate('14/12/2026', 'en-US')).toEqual({
			problem: '"14/12/2026" is not a date: write 2026-12-14 or 12/14/2026 (month/day/year)'
		});
		expect(readDate('2026-02-30', 'en-US')).toHaveProperty('problem');
	});

	it('reads stages by name, label or a common word, and suggests the nearest for a typo', () => {
		expect(readStage('Ready for pickup')).toEqual({ value: 'ready' });
		expect(readStage('CAD')).toEqual({ value: 'design' });
		expect(readStage('')).toEqual({ value: 'intake' });
		expect(readStage('Polshing')).toEqual({
			problem: expect.stringContaining('did you mean Polishing?')
		});
		expect(readStage('Picked up')).toEqual({
			problem: '"Picked up" is not an open stage: only open orders are imported'
		});
	});

	it('reads piece types with their everyday words', () => {
		expect(readPieceType('Necklace')).toEqual({ value: 'pendant' });
		expect(readPieceType('Engagement ring')).toEqual({ value: 'engagement_ring' });
		expect(readPieceType('Braclet')).toEqual({
			problem: expect.stringContaining('did you mean Bracelet?')
		});
	});

	it('splits a full name sensibly', () => {
		expect(splitName('Ana María Rivera')).toEqual({
			value: { givenName: 'Ana María', familyName: 'Rivera' }
		});
		expect(splitName('Rivera, Ana')).toEqual({ value: { givenName: 'Ana', familyName: 'Rivera' } });
		expect(splitName('Mr. Tom Hale Jr.')).toEqual({
			value: { givenName: 'Tom', familyName: 'Hale Jr.' }
		});
		expect(splitName('Cher')).toEqual({ problem: '"Cher" needs a first and a last name' });
	});

	it('reads amounts as a shop writes them', () => {
		expect(readCents('$1,250.00', 'en-US')).toEqual({ value: 125000 });
		expect(readCents('1.250,50 €', 'de-DE')).toEqual({ value: 125050 });
		expect(readCents('1250', 'en-US')).toEqual({ value: 125000 });
		expect(readCents('about 300', 'en-US')).toEqual({ value: 30000 });
		expect(readCents('lots', 'en-US')).toHaveProperty('problem');
	});
});

describe('a row as a new order', () => {
	const mapping = { customerName: 0, phone: 1, title: 2, stage: 3, dueDate: 4, quotedPrice: 5 };
	const options = { locale: 'en-US', money: true };

	it('becomes what the intake form sends, in its stage', () => {
		const read = readRow(
			['Ana Rivera', '555-0134-22', '=HYPERLINK("x")', 'Casting', '12/14/2026', '$900'],
			0,
			mapping,
			options
		);
		expect(read.problems).toEqual([]);
		expect(read.row).toBe(2);
		expect(read.stage).toBe('casting');
		expect(read.order).toEqual({
			customer: { givenName: 'Ana', familyName: 'Rivera', phone: '555-0134-22', email: null },
			title: '=HYPERLINK("x")',
			dueDate: '2026-12-14',
			quotedPriceCents: 90000
		});
	});

	it('names every problem by field', () => {
		const read = readRow(
			['Cher', 'call me', '', 'Shipped', '31/31/2026', 'x'],
			4,
			mapping,
			options
		);
		expect(read.row).toBe(6);
		expect(read.problems.map((problem) => problem.field).sort()).toEqual(
			['customerName', 'dueDate', 'phone', 'quotedPrice', 'stage', 'title'].sort()
		);
	});
});

describe('reading the file', () => {
	it('reads quoted cells with commas, quotes and line breaks, and semicolon files', () => {
		const sheet = readCsv(bytes('\uFEFFName,Notes\r\n"Rivera, Ana","said ""hi""\ntwice"\r\n'));
		expect(sheet.headers).toEqual(['Name', 'Notes']);
		expect(sheet.rows).toEqual([['Rivera, Ana', 'said "hi"\ntwice']]);
		expect(readCsv(bytes('Name;Due\nAna Rivera;12/14/2026\n')).rows).toEqual([
			['Ana Rivera', '12/14/2026']
		]);
	});

	it('reads a file that is not UTF-8 as Windows-1252', () => {
		const sheet = readCsv(
			Uint8Array.from([...bytes('Name,Title\nJos'), 0xe9, ...bytes(' Ruiz,Ring\n')])
		);
		expect(sheet.encoding).toBe('windows-1252');
		expect(sheet.rows[0][0]).toBe('José Ruiz');
	});

	it('refuses what is not a CSV with a header, in words', () => {
		const problem = (input: Uint8Array) => {
			try {
				readCsv(input);
			} catch (error) {
				expect(error).toBeInstanceOf(FileProblem);
				return (error as Error).message;
			}
			return null;
		};
		expect(problem(new Uint8Array())).toBe('The file is empty');
		expect(problem(Uint8Array.from([0x50, 0x4b, 3, 4, 0, 0]))).toMatch(/Excel workbook/);
		expect(problem(Uint8Array.from([1, 0, 2, 0, 255]))).toMatch(/binary/);
		expect(problem(bytes('Ana Rivera,555-0134,12/14/2026\n'))).toMatch(/no header row/);
		expect(problem(bytes('Name,Title\n'))).toMatch(/no rows under it/);
		expect(problem(bytes('Name,Title\n"Ana'))).toMatch(/never closes/);
		expect(problem(bytes(`Name,Title\n${'x'.repeat(20_000)},y\n`))).toMatch(/longer than/);
	});
});

describe('suggestions name only what an import may use', () => {
	it('lists the open stages only', () => {
		const read = readStage('Shipped');
		expect(read).toEqual({
			problem:
				'"Shipped" is not a stage: (Intake, Design, Casting, Setting, Polishing, Inspection, Ready for pickup)'
		});
	});
});

describe('amounts in the shop currency’s unit', () => {
	it('reads yen without a decimal part', () => {
		expect(readCents('¥1,500', 'ja-JP', 0)).toEqual({ value: 1500 });
		expect(readCents('1500.5', 'ja-JP', 0)).toHaveProperty('problem');
	});
});
