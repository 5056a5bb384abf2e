import type { FormatSettings } from './words/format';

/**
 * The shop as its customers know it (the status page, messages and printed slips show it) and how
 * it writes dates and money. Every screen gets it with the page and hears of a change live.
 */
export interface ShopProfile extends FormatSettings {
	name: string;
	/** As printed: one line per line of the address. */
	address: string;
	phone: string;
	email: string;
	website: string;
	/** Where the logo is served (`/shop/logo/<hash>`), or null: the status page, slips and envelope show it. */
	logo: string | null;
}

export const SHOP_FIELD_LABELS: Record<keyof ShopProfile, string> = {
	name: 'Name',
	address: 'Address',
	phone: 'Phone',
	email: 'Email',
	website: 'Website',
	logo: 'Logo',
	timeZone: 'Time zone',
	currency: 'Currency',
	locale: 'Language and region'
};

/**
 * How a customer reaches the shop, one line each (the address keeps its own lines): what messages
 * end with and printed slips carry. Empty parts are left out.
 */
export function contactLines(
	profile: Pick<ShopProfile, 'address' | 'phone' | 'website'>
): string[] {
	return [
		...profile.address.split('\n'),
		profile.phone,
		profile.website.replace(/^https?:\/\//, '').replace(/\/$/, '')
	]
		.map((line) => line.trim())
		.filter(Boolean);
}

/**
 * The contact lines of the place a customer picks the piece up at: in a shop of several locations
 * the pickup store's address and phone (the website stays the shop's), else the shop's own.
 */
export function pickupContactLines(
	profile: Pick<ShopProfile, 'address' | 'phone' | 'website'>,
	pickup: { address: string; phone: string } | null
): string[] {
	return contactLines(
		pickup ? { ...profile, address: pickup.address, phone: pickup.phone } : profile
	);
}

/** An address on one line, for a sentence ("at 12 Quay St, Harbourton"). */
export const oneLine = (address: string) =>
	address
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean)
		.join(', ');
