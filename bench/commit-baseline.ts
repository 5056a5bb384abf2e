// The database's share of a move, alone: the same PostgreSQL server committing one small update
// at a time, durably (`synchronous_commit` as the server has it), with nothing of ours around it.
// A move cannot reach a screen before its commit is on disk, so this is the floor under the
// move lines, as `raw-socketio-broadcast` is the floor of the fan-out.
import postgres from 'postgres';

export async function commitBaseline(options: {
	url: string;
	commits: number;
	line: (name: string, fields: Record<string, string | number>) => void;
	percentile: (values: number[], p: number) => number;
}) {
	const sql = postgres(options.url, { max: 1, onnotice: () => {} });
	try {
		// A table of its own in the bench's throwaway database (a temporary one writes no WAL).
		await sql`create table if not exists bench_commit (id int primary key, n int not null)`;
		await sql`insert into bench_commit values (1, 0) on conflict do nothing`;
		const times: number[] = [];
		for (let i = 0; i < options.commits; i++) {
			const started = performance.now();
			// One connection (max: 1), so the three statements are one transaction, as a move's are.
			await sql`begin`;
			await sql`update bench_commit set n = n + 1 where id = 1`;
			await sql`commit`;
			times.push(performance.now() - started);
		}
		const [{ mode }] = await sql<
			{ mode: string }[]
		>`select current_setting('synchronous_commit') as mode`;
		options.line('raw-postgres-commit', {
			commits: times.length,
			synchronous_commit: mode,
			p50_ms: options.percentile(times, 50).toFixed(1),
			p99_ms: options.percentile(times, 99).toFixed(1)
		});
	} finally {
		await sql.end();
	}
}
