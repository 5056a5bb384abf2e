import type http from 'node:http';
import type http2 from 'node:http2';
import { registerServices, unregisterServices } from '../src/lib/server/services';
import { startServices } from '../src/lib/server/start';
import { readConfig } from './config';
import { attachCollab } from './collab';
import { attachRealtime } from './realtime';
import { Outbox } from '../src/lib/server/updates/worker';
import { WebhookWorker } from '../src/lib/server/webhooks/worker';
import { log } from '../src/lib/server/log';

/** What server/index.ts does in production, for Vite's dev server. Returns how to stop it. */
export async function startDevServer(httpServer: http.Server | http2.Http2SecureServer) {
	const config = readConfig();
	const services = await startServices({
		...config,
		log: (message) => log.info(message)
	});
	registerServices(services);
	const realtime = attachRealtime(httpServer, services);
	const collab = await attachCollab(httpServer, services);
	const outbox = new Outbox(services).start();
	const webhooks = new WebhookWorker(services).start();
	return async () => {
		await outbox.stop();
		await webhooks.stop();
		await realtime.close();
		await collab.close();
		unregisterServices(services);
		await services.stop();
	};
}
