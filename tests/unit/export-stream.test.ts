import { describe, expect, it } from 'vitest';
import { pagedFile } from '../../src/lib/server/export';

describe('an export file', () => {
	it('reads a page only when the download asks for more: one page held at a time', async () => {
		const pages = [[1, 2], [3, 4], [5]];
		const asked: number[] = [];
		const file = pagedFile(
			'header\n',
			async (after) => {
				asked.push(after);
				return pages.find((page) => page[0] > after) ?? [];
			},
			(row) => row,
			(row) => `row ${row}\n`
		);
		const reader = file.getReader();
		const decoder = new TextDecoder();
		const next = async () => decoder.decode((await reader.read()).value);
		expect(await next()).toBe('header\n');
		expect(await next()).toBe('row 1\nrow 2\n');
		// The stream reads ahead by one page at most.
		expect(asked.length).toBeLessThanOrEqual(2);
		expect(await next()).toBe('row 3\nrow 4\n');
		expect(await next()).toBe('row 5\n');
		expect((await reader.read()).done).toBe(true);
		expect(asked).toEqual([0, 2, 4, 5]);
	});
});
