import type { AuditKey } from './audit-key';
import type { SetupGate } from './auth/setup-code';
import type { Database } from './db';
import type { EventBus } from './bus';
import type { CredentialCache, SessionCache } from './auth/session-cache';
import type { TokenHolder } from './auth/bearer';
import type { Actor } from './events';
import type { FileStore } from './files';
import type { DemoExit } from './leave-demo';
import type { Metrics } from './metrics';
import type { Channels } from './updates/channels';

/** What every domain function needs: the database and the fan-out of committed events. */
export interface Services {
	db: Database;
	bus: EventBus;
	/** Sessions validated moments ago; forgotten as soon as they end, on any process. */
	sessions: SessionCache;
	/** API tokens checked moments ago, by their secret's hash; forgotten as soon as one is revoked. */
	apiTokens: CredentialCache<TokenHolder>;
	/** Uploaded photos and documents, by content hash. */
	files: FileStore;
	/** The built-in actor that records changes until sign-in exists. */
	shopActor: Actor;
	/** Where customers reach the app (the status page links in messages): PUBLIC_URL or ORIGIN. */
	publicUrl: string;
	/** How customer messages can go out (none configured: they are recorded as not sent). */
	channels: Channels;
	/** Signs the event log's checkpoints; kept outside the database. */
	auditKey: AuditKey;
	/** What `/metrics` reports (server/metrics-endpoint.ts). */
	metrics: Metrics;
	/** Open screens on this process's sockets: boards (staff) and wall displays. */
	connectedScreens: () => { board: number; display: number };
	/** The first run's one-time code, while a server others can reach has no owner yet. */
	setup: SetupGate;
	/** The webhook worker of this process, if it runs one: woken at once by a resend or a test. */
	webhooks?: { kick(): void } | null;
	/** How the running server clears the demo for the shop's own data (null outside the server). */
	demoExit: DemoExit | null;
}

/**
 * The server entry and SvelteKit's bundle each load their own copy of this module, so the one
 * instance per process lives on globalThis under a registered symbol, created by the entry.
 */
const KEY = Symbol.for('benchboard.services');
type Registry = { [KEY]?: Services };

export function registerServices(services: Services): void {
	const registry = globalThis as Registry;
	if (registry[KEY]) throw new Error('Benchboard services are already running in this process');
	registry[KEY] = services;
}

export function unregisterServices(services: Services): void {
	const registry = globalThis as Registry;
	if (registry[KEY] === services) delete registry[KEY];
}

export function getServices(): Services {
	const services = (globalThis as Registry)[KEY];
	if (!services)
		throw new Error('Benchboard services are not started: run the app through server/');
	return services;
}
