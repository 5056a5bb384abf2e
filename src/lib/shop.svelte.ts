import { getContext, setContext } from 'svelte';
import { shopFormat } from './words/format';
import type { ShopProfile } from './shop';

const KEY = Symbol('shop');

/**
 * The shop's profile on this screen, and its one way of writing dates, times and money: set from
 * each page load, replaced live when the owner changes it (the socket's `shop:changed`).
 * Whichever arrives last is the newest.
 */
export class ShopState {
	profile = $state<ShopProfile>() as ShopProfile;
	format = $derived(shopFormat(this.profile));

	constructor(profile: ShopProfile) {
		this.profile = profile;
	}

	receive(profile: ShopProfile): void {
		this.profile = profile;
	}
}

/** The root layout makes the one ShopState of a tab. */
export const provideShop = (shop: ShopState) => setContext(KEY, shop);

/** The shop's profile and format, in any component under the root layout. */
export function useShop(): ShopState {
	const shop = getContext<ShopState | undefined>(KEY);
	if (!shop) throw new Error('useShop() needs the root layout, which provides the shop');
	return shop;
}
