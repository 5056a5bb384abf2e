import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import { attachRealtime } from '../../server/realtime';
import { SESSION_COOKIE } from '../../src/lib/server/auth/sessions';
import type { StartedServices } from '../../src/lib/server/start';

/** A bare HTTP server with the board's sockets on it, as server/index.ts attaches them. */
export async function socketServer(services: StartedServices) {
	const server = http.createServer((_req, res) => {
		res.statusCode = 404;
		res.end();
	});
	const realtime = attachRealtime(server, services);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		async close() {
			await realtime.close();
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		}
	};
}

/** A screen's socket, connected with a session's cookie; it keeps what it was sent. */
export async function screen(url: string, token: string) {
	const socket: Socket = io(url, {
		transports: ['websocket'],
		reconnection: false,
		extraHeaders: { cookie: `${SESSION_COOKIE}=${token}` }
	});
	const received: { name: string; payload: unknown }[] = [];
	socket.onAny((name: string, payload: unknown) => received.push({ name, payload }));
	await new Promise<void>((resolve, reject) => {
		socket.once('connect', resolve);
		socket.once('connect_error', reject);
	});
	return { socket, received };
}
