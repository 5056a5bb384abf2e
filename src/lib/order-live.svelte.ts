import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from './realtime-events';
import type { ShopProfile } from './shop';
import type { OrderEvent } from './types';

type Listener = {
	onevent: (event: OrderEvent) => void;
	/** The link came back after a gap: events may have been missed, so reload. */
	onreconnect: () => void;
	/** The owner changed the shop's profile (its locale, time zone, name). */
	onshop?: (profile: ShopProfile) => void;
};

/**
 * One socket per tab for every open order (a page and a side panel may both be listening), opened
 * by the first subscriber and closed by the last. Order pages do not replay the event log: an
 * order is small, so after a gap they simply reload it.
 */
let socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
const listeners = new Set<Listener>();
export const orderLink = $state({ online: false });

function open() {
	const next: Socket<ServerToClientEvents, ClientToServerEvents> = io({
		path: '/socket.io',
		transports: ['websocket'],
		reconnectionDelayMax: 5000
	});
	let wasOnline = false;
	next.on('connect', () => {
		orderLink.online = true;
		if (wasOnline) for (const listener of listeners) listener.onreconnect();
		wasOnline = true;
	});
	next.on('disconnect', (reason) => {
		orderLink.online = false;
		if (reason === 'io server disconnect') setTimeout(() => next.connect(), 500);
	});
	next.on('connect_error', () => (orderLink.online = false));
	next.on('order:event', (event) => {
		for (const listener of listeners) listener.onevent(event);
	});
	next.on('shop:changed', (profile) => {
		for (const listener of listeners) listener.onshop?.(profile);
	});
	return next;
}

/** Listens to the events that `concerns` picks until the returned function is called. */
export function watchEvents(
	concerns: (event: OrderEvent) => boolean,
	onevent: (event: OrderEvent) => void,
	onreconnect: () => void,
	onshop?: (profile: ShopProfile) => void
): () => void {
	const listener: Listener = {
		onevent: (event) => {
			if (concerns(event)) onevent(event);
		},
		onreconnect,
		onshop
	};
	listeners.add(listener);
	socket ??= open();
	return () => {
		listeners.delete(listener);
		if (listeners.size === 0) {
			socket?.disconnect();
			socket = null;
			orderLink.online = false;
		}
	};
}
