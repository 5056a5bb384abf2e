/**
 * A search that runs while someone types: it waits for a pause, cancels the request it replaces,
 * and keeps only the answer to the latest words, so a slow early answer never overwrites a later
 * one.
 */
export class Lookup<T> {
	result = $state<T | null>(null);
	loading = $state(false);
	failed = $state(false);

	#timer: ReturnType<typeof setTimeout> | undefined;
	#inflight: AbortController | null = null;

	constructor(
		private readonly fetcher: (query: string, signal: AbortSignal) => Promise<T>,
		private readonly delayMs = 200
	) {}

	/** Looks `query` up after the pause; an empty query clears the result at once. */
	run(query: string) {
		clearTimeout(this.#timer);
		this.#inflight?.abort();
		this.#inflight = null;
		if (!query.trim()) {
			this.result = null;
			this.loading = false;
			this.failed = false;
			return;
		}
		this.loading = true;
		this.#timer = setTimeout(() => void this.#fetch(query), this.delayMs);
	}

	cancel() {
		clearTimeout(this.#timer);
		this.#inflight?.abort();
		this.#inflight = null;
		this.loading = false;
	}

	async #fetch(query: string) {
		const controller = new AbortController();
		this.#inflight = controller;
		try {
			const result = await this.fetcher(query, controller.signal);
			if (controller.signal.aborted) return;
			this.result = result;
			this.failed = false;
		} catch {
			if (controller.signal.aborted) return;
			this.failed = true;
		} finally {
			if (this.#inflight === controller) {
				this.#inflight = null;
				this.loading = false;
			}
		}
	}
}
