import type { OrderEvent } from '../events';
import { joinLink } from '../live/tab-socket';
import type { ShopProfile } from '../shop';

/**
 * Listens to the events that `concerns` picks, on the tab's one socket, until the returned function
 * is called. Order pages do not replay the event log: an order is small, so after a gap in the
 * link (`onreconnect`) they simply reload it.
 */
export function watchEvents(
	concerns: (event: OrderEvent) => boolean,
	onevent: (event: OrderEvent) => void,
	onreconnect: () => void,
	onshop?: (profile: ShopProfile) => void,
	/** `up` every time the link is up (the first included), `down` when it drops or fails. */
	state?: { up(): void; down(): void }
): () => void {
	return joinLink((link) => {
		let wasUp = false;
		link.on('connect', () => {
			if (wasUp) onreconnect();
			wasUp = true;
			state?.up();
		});
		if (state) {
			link.on('disconnect', () => state.down());
			link.on('connect_error', () => state.down());
		}
		link.on('order:event', (event) => {
			if (concerns(event)) onevent(event);
		});
		if (onshop) link.on('shop:changed', onshop);
	});
}
