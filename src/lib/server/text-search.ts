import type { Tx } from './db';

/**
 * What someone types into a search box, as a PostgreSQL full-text query that matches words by
 * their beginnings: "oli benn" finds "Olivia Bennett", "sapph" an "Emerald-cut sapphire ring".
 * Only letters and digits pass, so nothing typed can change the query's meaning. Null when nothing
 * searchable was typed.
 */
export function wordPrefixQuery(typed: string): string | null {
	const words = typed
		.toLowerCase()
		.split(/[^\p{L}\p{N}]+/u)
		.filter(Boolean)
		.slice(0, 8);
	return words.length ? words.map((word) => `${word}:*`).join(' & ') : null;
}

/**
 * Every kind of match has its index, but PostgreSQL cannot estimate how many rows a prefix search
 * matches and guesses high: it then scans whole tables, and starts parallel workers whose start-up
 * costs more than the search. For this transaction only, index paths win and no workers start.
 */
export async function steerPlanner(tx: Tx): Promise<void> {
	await tx`select set_config('enable_seqscan', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)`;
}
