/** A small seeded random source (mulberry32): the same seed gives the same history everywhere. */
export class Random {
	#state: number;

	constructor(seed: number) {
		this.#state = seed >>> 0;
	}

	/** A number in [0, 1). */
	next(): number {
		this.#state = (this.#state + 0x6d2b79f5) >>> 0;
		let t = this.#state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	chance(p: number): boolean {
		return this.next() < p;
	}

	/** An integer in [min, max]. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)];
	}

	/** One of `weighted`'s keys, each as likely as its weight. */
	weighted<K extends string>(weighted: Record<K, number>): K {
		const entries = Object.entries(weighted) as [K, number][];
		let left = this.next() * entries.reduce((sum, [, weight]) => sum + weight, 0);
		for (const [key, weight] of entries) if ((left -= weight) < 0) return key;
		return entries[entries.length - 1][0];
	}

	/** Log-normal around `median`: most stays near it, a few much longer, as waits are. */
	logNormal(median: number, spread = 0.5): number {
		const u = Math.max(this.next(), 1e-12);
		const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
		return median * Math.exp(spread * normal);
	}
}
