import type { Plugin } from 'vite';

/**
 * `npm run dev`: the same database and socket.io as the production entry, inside Vite's server.
 * The server code is loaded through Vite, so this config file stays free of it.
 */
export function benchboardDevServer(): Plugin {
	return {
		name: 'benchboard-dev-server',
		apply: 'serve',
		async configureServer(server) {
			if (process.env.VITEST || !server.httpServer) return;
			const { startDevServer } = await server.ssrLoadModule('/server/dev-start.ts');
			const stop = await startDevServer(server.httpServer);
			server.httpServer.on('close', () => void stop());
		}
	};
}
