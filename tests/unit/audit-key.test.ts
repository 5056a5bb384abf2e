import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const module = fileURLToPath(new URL('../../src/lib/server/audit-key.ts', import.meta.url));

describe('the audit key of a data folder', () => {
	it('is one key for processes started at once on a new data folder, none of them failing', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-key-'));
		// Each waits for the same moment once loaded, so they reach the empty folder together.
		const at = Date.now() + 2500;
		const script = `import { loadAuditKey } from ${JSON.stringify(module)};
			while (Date.now() < ${at});
			console.log(loadAuditKey(${JSON.stringify(dir)}).fingerprint);`;
		const started = Array.from({ length: 6 }, () =>
			run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script])
		);
		const fingerprints = (await Promise.all(started)).map(({ stdout }) => stdout.trim());
		expect(new Set(fingerprints).size).toBe(1);
		expect(fs.readdirSync(dir)).toEqual(['audit.key']);
		expect((fs.statSync(path.join(dir, 'audit.key')).mode & 0o777).toString(8)).toBe('600');
	});
});
