import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from './socket-events';

type TabSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** What a part of the page may listen to: the server's events and the link's own comings and goings. */
export type LinkEvents = ServerToClientEvents & {
	/** The link is up: at once when it already was, then after every reconnection. */
	connect: () => void;
	disconnect: (reason: Socket.DisconnectReason) => void;
	connect_error: (error: Error) => void;
};

export interface Link {
	on<E extends keyof LinkEvents>(event: E, handler: LinkEvents[E]): void;
}

let socket: TabSocket | null = null;
let holders = 0;

function open(): TabSocket {
	const next: TabSocket = io({
		path: '/socket.io',
		transports: ['websocket'],
		reconnectionDelayMax: 5000
	});
	next.on('disconnect', (reason) => {
		// The server closed this socket on purpose (its session ended, or a restart): try once
		// more; the handshake then says whether to go to sign-in.
		if (reason === 'io server disconnect') {
			setTimeout(() => socket === next && next.connect(), 500);
		}
	});
	return next;
}

/**
 * One socket per tab, shared by everything on the page that listens (the board, an order in the
 * side panel, its messages): opened by the first and closed by the last. `listen` adds this part's
 * handlers; the returned function takes them off again.
 */
export function joinLink(listen: (link: Link) => void): () => void {
	const current = (socket ??= open());
	holders++;
	const added: [string, (...args: never[]) => void][] = [];
	listen({
		on(event, handler) {
			current.on(event as never, handler as never);
			added.push([event, handler as (...args: never[]) => void]);
			if (event === 'connect' && current.connected) queueMicrotask(handler as () => void);
		}
	});
	return () => {
		for (const [event, handler] of added) current.off(event as never, handler as never);
		if (--holders > 0) return;
		current.disconnect();
		socket = null;
	};
}
