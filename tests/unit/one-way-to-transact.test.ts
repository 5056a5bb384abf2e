import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every TypeScript file under these folders of the repository. */
function sources(...dirs: string[]): string[] {
	return dirs.flatMap((dir) =>
		fs
			.readdirSync(dir, { recursive: true, encoding: 'utf8' })
			.filter((file) => /\.(ts|svelte)$/.test(file))
			.map((file) => path.join(dir, file))
	);
}

describe('transactions', () => {
	it('run only through src/lib/server/transaction.ts, the one place that knows the driver', () => {
		const direct = sources('src', 'server', 'scripts', 'bench')
			.filter((file) => !file.endsWith(path.join('server', 'transaction.ts')))
			.filter((file) => /\.begin\(|\.reserve\(/.test(fs.readFileSync(file, 'utf8')));
		expect(direct).toEqual([]);
	});
});
