import compression from 'compression';
import http from 'node:http';
import { registerServices } from '../src/lib/server/services';
import { readSettings } from '../src/lib/server/settings';
import { keyFileOf, startServices } from '../src/lib/server/start';
import { readConfig } from './config';
import { attachCollab } from './collab';
import { attachRealtime } from './realtime';
import { Outbox } from '../src/lib/server/updates/worker';
import { WebhookWorker } from '../src/lib/server/webhooks/worker';
import { sweepFiles } from '../src/lib/server/attachments';
import { writeCheckpoint } from '../src/lib/server/audit-chain';
import { reachableFromOutside } from '../src/lib/server/auth/setup-code';
import { log } from '../src/lib/server/log';
import { takeNightlyBackup } from '../src/lib/server/backup/schedule';
import { build } from '../src/lib/server/health';
import { backupEndpoint } from './backup-endpoint';
import { metricsEndpoint } from './metrics-endpoint';

const config = readConfig();
const services = await startServices({ ...config, log: (message) => log.info(message) }).catch(
	(error: Error) => {
		// A refusal at start (a changed migration, a data folder in use) is a sentence, not a stack.
		log.fatal(`cannot start: ${error.message}`);
		process.exit(1);
	}
);
// Registered before SvelteKit's bundle loads, so its code finds this one instance.
registerServices(services);

// adapter-node assumes https unless told which header carries the protocol. We set that header
// ourselves on every request (overwriting anything a client sent), so form actions' origin check
// works over plain http on a shop network, and behind a TLS proxy when PROTOCOL_HEADER is set.
const ownProtocolHeader = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
if (ownProtocolHeader) process.env.PROTOCOL_HEADER = 'x-benchboard-protocol';

// Photos from a phone camera run to several megabytes: adapter-node's 512 kB cap would refuse
// them. Uploads enforce their own limit (15 MB) while streaming, and JSON bodies theirs (readJson);
// this outer cap only ends what an upload reads past its own limit to answer cleanly.
process.env.BODY_SIZE_LIMIT ??= '64M';

// Built by `vite build`; a URL keeps esbuild and TypeScript from resolving it at build time.
const { handler } = (await import(new URL('../build/handler.js', import.meta.url).href)) as {
	handler: http.RequestListener;
};
// Pages and JSON go out compressed (gzip or brotli, as the browser accepts): the board's data for
// 2,000 orders is 700 kB as text. Socket.io's frames are its own business; static files are
// precompressed at build time (adapter-node's precompress).
// (Its types speak of Express; it is plain Node middleware.)
const compress = compression({ threshold: 1024 }) as unknown as (
	req: http.IncomingMessage,
	res: http.ServerResponse,
	next: () => void
) => void;
// Backups: `npm run backup` asks this process (the embedded database is its alone), and one is
// taken each night by one of the processes serving the database, keeping the newest BACKUP_KEEP.
const backups = {
	db: services.db,
	files: services.files,
	auditKeyFile: keyFileOf(services.auditKey),
	app: build.version,
	...config.backups
};
const backupRequest = backupEndpoint(config.dataDir, backups);
const nightly = () =>
	takeNightlyBackup(backups).then(
		(taken) => taken && log.info({ file: taken.file }, 'nightly backup written'),
		(error) => log.error({ err: error }, 'the nightly backup failed')
	);
const backingUp = setInterval(nightly, 60 * 60 * 1000);
backingUp.unref();
// Not in the first minute: a restart loop must not turn into a backup loop.
setTimeout(nightly, 60 * 1000).unref();

const metricsRequest = metricsEndpoint(services.metrics, process.env.METRICS_TOKEN || undefined);

const server = http.createServer((req, res) => {
	if (backupRequest.handle(req, res) || metricsRequest(req, res)) return;
	if (ownProtocolHeader) {
		req.headers['x-benchboard-protocol'] =
			'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
	}
	compress(req, res, () => handler(req, res));
});
// Idle connections stay open longer than a client or a proxy keeps them (nginx: 60 s), so a
// request sent on a reused connection never meets the server closing it (ECONNRESET on a POST).
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
const realtime = attachRealtime(server, services);
let collab = await attachCollab(server, services, { closeOtherUpgrades: true });
// Customer messages go out from here, queued by the commands that cause them.
let outbox = new Outbox(services).start();
// Webhook deliveries too, written with the events that cause them (every process takes part).
let webhooks = new WebhookWorker(services).start();
// What uploads left on disk (a crash mid-upload, bytes no row refers to) goes at start and daily.
const sweep = () =>
	sweepFiles(services).then(
		(removed) => removed && log.info(`removed ${removed} upload file(s) no order refers to`),
		(error) => log.error({ err: error }, 'could not sweep the upload folder')
	);
void sweep();
const sweeping = setInterval(sweep, 24 * 60 * 60 * 1000);
sweeping.unref();
// The log's chains are signed with the key outside the database, hourly when the log has grown.
const sign = () =>
	writeCheckpoint(services).catch((error) =>
		log.error({ err: error }, 'could not sign a checkpoint of the event log')
	);
void sign();
const signing = setInterval(sign, 60 * 60 * 1000);
signing.unref();

// A demo database has published passwords: it stays on this machine unless HOST says otherwise.
const { demo } = await readSettings(services.db.sql);
const host = config.host ?? (demo ? '127.0.0.1' : '0.0.0.0');
if (reachableFromOutside(host) && !process.env.PUBLIC_URL && !process.env.ORIGIN)
	log.info(
		`PUBLIC_URL is not set: customers' links (status pages in messages and on slips) would point to ${services.publicUrl}. Set it to the address customers reach the shop at.`
	);
// A shop without an owner that others can reach: `/setup` asks for a code only the consoles have
// (each process prints its own; any of them works on every process).
async function guardSetup() {
	if (!reachableFromOutside(host)) return;
	const issued = await services.setup.issue(config.dataDir);
	if (!issued) return;
	log.info(`no owner yet: open /setup and type the setup code ${issued.code}`);
	if (issued.file)
		log.info(`(the code is also in ${issued.file}; it is deleted once the owner exists)`);
}
await guardSetup();

// "Start my shop" in Settings: the notes and the outbox let go of the demo while it is cleared
// (leave-demo.ts); every open screen, on every process, is signed out by the bus's restart.
services.demoExit = {
	backup: backups,
	migrationsDir: config.migrationsDir,
	async pause() {
		await collab.close();
		await outbox.stop();
		await webhooks.stop();
	},
	async resume() {
		collab = await attachCollab(server, services, { closeOtherUpgrades: true });
		outbox = new Outbox(services).start();
		webhooks = new WebhookWorker(services).start();
		await guardSetup();
		if (host === '127.0.0.1' && !config.host)
			log.info(
				'the demo is gone: restart Benchboard to serve the shop network, not only this computer'
			);
	}
};
server.listen(config.port, host, () => {
	backupRequest.announce(host, (server.address() as { port: number }).port);
	const database =
		services.db.mode === 'embedded'
			? `embedded database in ${config.dataDir}`
			: 'PostgreSQL server';
	log.info(
		`serving http://${host === '0.0.0.0' ? 'localhost' : host}:${config.port} on the ${database}`
	);
});

let stopping = false;
async function shutdown(signal: string) {
	if (stopping) return;
	stopping = true;
	log.info(`${signal}: closing`);
	const force = setTimeout(() => process.exit(1), 10_000);
	force.unref();
	clearInterval(sweeping);
	clearInterval(signing);
	clearInterval(backingUp);
	await realtime.close();
	await outbox.stop();
	await webhooks.stop();
	// Every open note is written down (snapshot, plain text, editing sessions) before the exit.
	await collab.close();
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
	await services.stop();
	process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
