import type { Holder } from './types';

/**
 * Whether a customer's item goes with the piece when it leaves `locationId`: it does when it is in
 * the shop's care there (with someone on the staff, or put in a place there). One at a vendor or
 * back with the customer stays where it is. Read alike by the server and the send dialog.
 */
export function travelsFrom(holder: Holder, locationId: number): boolean {
	if (holder.kind === 'person') return true;
	return holder.kind === 'place' && (holder.id ?? locationId) === locationId;
}
