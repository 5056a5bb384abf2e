import type { ForecastHistory } from './history';

/**
 * The shop's forecast history as a page's load streams it: null until it arrives (the page has
 * painted meanwhile), then the history; a newer load's history replaces it when that one arrives.
 * Create it while a component initialises.
 */
export class StreamedHistory {
	current = $state<ForecastHistory | null>(null);

	constructor(source: () => Promise<ForecastHistory | null> | ForecastHistory | null) {
		$effect(() => {
			const pending = source();
			let live = true;
			Promise.resolve(pending).then(
				(history) => {
					if (live) this.current = history;
				},
				() => {}
			);
			return () => {
				live = false;
			};
		});
	}
}
