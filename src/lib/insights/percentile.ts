/**
 * The p-th percentile (0..1) of some numbers, interpolated between the two nearest ranks: the
 * same definition as SQL's percentile_cont, which the charts use. Null for no numbers.
 */
export function percentile(values: readonly number[], p: number): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = p * (sorted.length - 1);
	const below = Math.floor(rank);
	const above = Math.ceil(rank);
	return sorted[below] + (sorted[above] - sorted[below]) * (rank - below);
}
