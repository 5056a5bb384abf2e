import type { Plugin } from 'vite';
import { registerServices, unregisterServices } from '../src/lib/server/services';
import { startServices, type StartedServices } from '../src/lib/server/start';
import { readConfig } from './config';
import { attachRealtime } from './realtime';

/** `npm run dev`: the same database and socket.io as the production entry, inside Vite's server. */
export function benchboardDevServer(): Plugin {
	let services: StartedServices | undefined;
	return {
		name: 'benchboard-dev-server',
		apply: 'serve',
		async configureServer(server) {
			if (process.env.VITEST) return;
			const config = readConfig();
			services = await startServices({ ...config, log: (m) => console.log(`[benchboard] ${m}`) });
			registerServices(services);
			if (server.httpServer) attachRealtime(server.httpServer, services);
			server.httpServer?.on('close', () => {
				if (!services) return;
				unregisterServices(services);
				void services.stop();
			});
		}
	};
}
