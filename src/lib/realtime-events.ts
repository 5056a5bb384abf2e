import type { OrderEvent } from './types';

/** The socket's events, declared once for the server and the browser. */
export interface ServerToClientEvents {
	'order:event': (event: OrderEvent) => void;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ClientToServerEvents {}
