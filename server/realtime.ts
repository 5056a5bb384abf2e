import type http from 'node:http';
import type http2 from 'node:http2';
import { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../src/lib/realtime-events';
import type { Services } from '../src/lib/server/services';

export const BOARD_ROOM = 'board';

/** socket.io on the app's own port: every committed event goes to the board's room, with its seq. */
export function attachRealtime(server: http.Server | http2.Http2SecureServer, services: Services) {
	const io = new Server<ClientToServerEvents, ServerToClientEvents>(server, {
		path: '/socket.io',
		serveClient: false
	});
	io.on('connection', (socket) => {
		void socket.join(BOARD_ROOM);
	});
	const unsubscribe = services.bus.subscribe((event) => {
		io.to(BOARD_ROOM).emit('order:event', event);
	});
	return {
		io,
		async close() {
			unsubscribe();
			await io.close();
		}
	};
}
