import http from 'node:http';
import { registerServices } from '../src/lib/server/services';
import { startServices } from '../src/lib/server/start';
import { readConfig } from './config';
import { attachRealtime } from './realtime';

const log = (message: string) => console.log(`[benchboard] ${message}`);
const config = readConfig();
const services = await startServices({ ...config, log });
// Registered before SvelteKit's bundle loads, so its code finds this one instance.
registerServices(services);

// @ts-expect-error: built by `vite build` before this file is bundled; it has no types.
const { handler } = await import('../build/handler.js');
const server = http.createServer(handler);
const realtime = attachRealtime(server, services);

server.listen(config.port, config.host, () => {
	const database =
		services.db.mode === 'embedded'
			? `embedded database in ${config.dataDir}`
			: 'PostgreSQL server';
	log(
		`serving http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port} on the ${database}`
	);
});

let stopping = false;
async function shutdown(signal: string) {
	if (stopping) return;
	stopping = true;
	log(`${signal}: closing`);
	const force = setTimeout(() => process.exit(1), 10_000);
	force.unref();
	await realtime.close();
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
	await services.stop();
	process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
