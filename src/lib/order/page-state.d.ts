import type { OrderPageData } from './page.svelte';

declare global {
	namespace App {
		interface PageState {
			/** The order shown in the board's side panel (shallow routing to /orders/:id). */
			orderPanel?: OrderPageData;
		}
	}
}

export {};
