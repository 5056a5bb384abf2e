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
	/** Every time the link is up, the first included. */
	onconnect?: () => void
): () => void {
	return joinLink((link) => {
		let wasUp = false;
		link.on('connect', () => {
			if (wasUp) onreconnect();
			wasUp = true;
			onconnect?.();
		});
		link.on('order:event', (event) => {
			if (concerns(event)) onevent(event);
		});
		if (onshop) link.on('shop:changed', onshop);
	});
}
