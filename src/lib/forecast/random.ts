/**
 * A small seeded generator (mulberry32): the same seed gives the same runs, so a forecast does not
 * flicker between two renders and tests can state exact results.
 */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

/** A seed from a few numbers (an order's id, say), spread so neighbouring ids differ everywhere. */
export function seedOf(...values: number[]): number {
	let hash = 0x811c9dc5;
	for (const value of values) {
		hash = Math.imul(hash ^ (value | 0), 0x01000193);
		hash ^= hash >>> 13;
	}
	return hash >>> 0;
}
