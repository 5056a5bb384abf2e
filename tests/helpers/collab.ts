import http from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { attachCollab, type CollabOptions } from '../../server/collab';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth/sessions';
import type { Services } from '../../src/lib/server/services';

/** A bare HTTP server with the notes endpoint on it, as server/index.ts attaches it. */
export async function collabServer(services: Services, options: CollabOptions = {}) {
	const server = http.createServer((_req, res) => {
		res.statusCode = 404;
		res.end();
	});
	const collab = await attachCollab(server, services, options);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	return {
		collab,
		url: `ws://127.0.0.1:${port}`,
		origin: `http://127.0.0.1:${port}`,
		async close() {
			await collab.close();
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		}
	};
}

export async function cookieFor(
	services: Services,
	start: { userId?: number; displayId?: number }
) {
	const { token } = await createSession(services.db.sql, start);
	return `${SESSION_COOKIE}=${token}`;
}

export { signedInSocket as socketClass, noteEditor as editor } from '../../scripts/note-client';

/** The HTTP status an upgrade was refused with (or 101 when it was accepted). */
export function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
	return new Promise((resolve) => {
		const ws = new WebSocket(url, { headers });
		ws.on('unexpected-response', (_req, res) => {
			resolve(res.statusCode ?? 0);
			ws.terminate();
		});
		ws.on('open', () => {
			resolve(101);
			ws.close();
		});
		ws.on('error', () => undefined);
	});
}

export { until } from './until';
