// The `import` line of `npm run bench`: a spreadsheet of 10,000 open orders (the most a file may
// hold) imported as the Settings → Import page does it, one transaction per row, in a throwaway
// database of its own.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createThrowawayDatabase } from '../scripts/throwaway-database';
import { importStatus, startImport, uploadSheet } from '../src/lib/server/imports';
import { startServices } from '../src/lib/server/start';

export async function importScenario(options: {
	serverUrl: string | undefined;
	migrationsDir: string;
	rows: number;
	line: (name: string, fields: Record<string, string | number>) => void;
}) {
	const database = options.serverUrl
		? await createThrowawayDatabase(options.serverUrl, `bb_import_bench_${process.pid}`)
		: null;
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'benchboard-import-'));
	const services = await startServices({
		...(database ? { url: database.url } : { dataDir }),
		migrationsDir: options.migrationsDir,
		seed: 'none'
	});
	try {
		const owner = { id: services.shopActor.id, name: 'Bench', role: 'owner' as const };
		const lines = ['Reference,First name,Last name,Phone,Title,Stage,Due'];
		for (let i = 0; i < options.rows; i++)
			lines.push(
				`JOB-${i},Given${i},Family${i},555${1_000_000 + i},Ring ${i},Setting,2027-01-${String((i % 28) + 1).padStart(2, '0')}`
			);
		const started = performance.now();
		const sheet = await uploadSheet(
			services.db.sql,
			owner,
			'open-jobs.csv',
			new TextEncoder().encode(lines.join('\n'))
		);
		const uploadedMs = performance.now() - started;
		await startImport(services, owner, sheet.id, { mapping: sheet.mapping });
		let status = await importStatus(services, owner, sheet.id);
		while (status.status === 'running') {
			await new Promise((resolve) => setTimeout(resolve, 500));
			status = await importStatus(services, owner, sheet.id);
		}
		const seconds = (performance.now() - started) / 1000;
		options.line('import', {
			rows: options.rows,
			created: status.created,
			failed: status.failed,
			upload_ms: Math.round(uploadedMs),
			seconds: seconds.toFixed(1),
			rows_per_s: Math.round(options.rows / seconds)
		});
	} finally {
		await services.stop();
		await database?.drop();
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
}
