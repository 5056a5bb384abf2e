// Over 300 lines on purpose: the rooms, their store chains, the relay between processes and the
// editing sessions all share one registry of open notes, whose order of operations is the hard
// part; one closure keeps it readable in one place. Who may connect is in collab-admission.ts, a
// room's protocol in collab-room.ts.
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type http2 from 'node:http2';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { appendEvent, type Actor } from '../src/lib/server/events';
import {
	compactNote,
	loadNote,
	readSnapshot,
	readUpdate,
	storeUpdate,
	writePlainText,
	type NoteKey
} from '../src/lib/server/notes/note-store';
import { plainTextOf } from '../src/lib/server/notes/note-text';
import type { Services } from '../src/lib/server/services';
import { admitToNote, refuseUpgrade, type Admission } from './collab-admission';
import { CLOSE, NoteRoom, type Connection, type Limits } from './collab-room';
import { runCommand } from '../src/lib/server/commands';
import { log } from '../src/lib/server/log';

export interface CollabOptions extends Partial<Limits> {
	/** How long a note stays in memory after its last editor leaves. */
	releaseAfterMs?: number;
	/** An editing session ends after this long without a change (for the history). */
	sessionIdleMs?: number;
	/** Fold the stored updates into a snapshot after this many. */
	compactEvery?: number;
	/**
	 * End upgrades on paths nobody serves (neither /collab/ nor socket.io's): with socket.io told
	 * not to, they would otherwise stay open. Off under Vite, whose hot reload upgrades too.
	 */
	closeOtherUpgrades?: boolean;
}

const CHANNEL = 'benchboard_notes';
/** NOTIFY payloads must stay under 8000 bytes. */
const MAX_NOTIFY_BYTES = 7000;

interface Relay {
	/** This process, so it ignores its own notifications. */
	p: string;
	k: string;
	/** A stored update's id, or a caret change (base64). */
	id?: number;
	a?: string;
}

interface Editing {
	actor: Actor;
	startedAt: Date;
	lastAt: Date;
	timer: ReturnType<typeof setTimeout>;
}

/** A room and what it needs beside the document: its store chain, timers and editing sessions. */
interface Entry {
	room: NoteRoom;
	ready: Promise<void>;
	loaded: boolean;
	/** Relayed messages that arrived while it loaded, applied once it has. */
	early: Relay[];
	/** Stores run one after another, in the order the updates were applied. */
	chain: Promise<unknown>;
	sinceCompaction: number;
	releaseTimer?: ReturnType<typeof setTimeout>;
	textTimer?: ReturnType<typeof setTimeout>;
	editing: Map<number, Editing>;
	releasing?: Promise<void>;
}

/**
 * Collaborative notes on `/collab/<orderId>/<design|requests>` (the y-websocket protocol) on the
 * app's own port. Sign-in, role and Origin are checked before the upgrade. A note is loaded once,
 * shared by its editors and released from memory after the last one leaves. With a PostgreSQL
 * server, updates and carets reach editors connected to other processes through LISTEN/NOTIFY.
 */
export async function attachCollab(
	server: http.Server | http2.Http2SecureServer,
	services: Services,
	options: CollabOptions = {}
) {
	const limits: Limits = {
		maxDocBytes: options.maxDocBytes ?? 1024 * 1024,
		burst: options.burst ?? 300,
		perSecond: options.perSecond ?? 60
	};
	const releaseAfterMs = options.releaseAfterMs ?? 30_000;
	const sessionIdleMs = options.sessionIdleMs ?? 5 * 60_000;
	const compactEvery = options.compactEvery ?? 200;
	const sql = services.db.sql;
	const processId = randomUUID();
	const entries = new Map<string, Entry>();
	const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxDocBytes + 64 * 1024 });

	const relayed = services.db.mode === 'server';
	const listening = relayed ? await sql.listen(CHANNEL, (payload) => void onRelay(payload)) : null;

	function notify(relay: Omit<Relay, 'p'>) {
		if (!relayed) return;
		const payload = JSON.stringify({ p: processId, ...relay });
		if (payload.length > MAX_NOTIFY_BYTES) return;
		sql
			.notify(CHANNEL, payload)
			.catch((error) => log.error({ err: error }, 'notes: notify failed'));
	}

	async function onRelay(payload: string) {
		let relay: Relay;
		try {
			relay = JSON.parse(payload) as Relay;
		} catch {
			return;
		}
		if (relay.p === processId) return;
		const entry = entries.get(relay.k);
		if (!entry || entry.releasing) return;
		if (!entry.loaded) {
			entry.early.push(relay);
			return;
		}
		await applyRelay(entry, relay);
	}

	async function applyRelay(entry: Entry, relay: Relay) {
		try {
			if (relay.a) {
				entry.room.applyRelayed('awareness', Buffer.from(relay.a, 'base64'));
			} else if (relay.id) {
				// Gone already? Then another process folded it into the snapshot.
				const update =
					(await readUpdate(sql, relay.id)) ?? (await readSnapshot(sql, entry.room.key));
				if (update) entry.room.applyRelayed('update', update);
			}
		} catch (error) {
			log.error({ err: error }, 'notes: a relayed change could not be applied');
		}
	}

	const keyOf = ({ orderId, field }: NoteKey) => `${orderId}:${field}`;

	function open(key: NoteKey): Entry {
		const name = keyOf(key);
		const existing = entries.get(name);
		if (existing && !existing.releasing) return existing;
		const entry: Entry = {
			room: new NoteRoom(key, limits, {
				stored: (update, from) => store(entry, update, from),
				awareness: (update) => notify({ k: name, a: Buffer.from(update).toString('base64') }),
				edited: (from) => edited(entry, from)
			}),
			ready: Promise.resolve(),
			loaded: false,
			early: [],
			chain: Promise.resolve(),
			sinceCompaction: 0,
			editing: new Map()
		};
		entry.ready = (async () => {
			if (existing?.releasing) await existing.releasing;
			entry.room.load(await loadNote(sql, key));
			entry.loaded = true;
			for (const relay of entry.early.splice(0)) await applyRelay(entry, relay);
		})();
		entries.set(name, entry);
		return entry;
	}

	function store(entry: Entry, update: Uint8Array, from: Connection) {
		const key = entry.room.key;
		entry.chain = entry.chain
			.then(async () => {
				const id = await storeUpdate(sql, key, update, from.actor.id);
				notify({ k: keyOf(key), id });
				if (++entry.sinceCompaction >= compactEvery) {
					entry.sinceCompaction = 0;
					await compactNote(sql, key, entry.room.doc);
				}
			})
			.catch((error) => {
				// Not stored: every editor reconnects and sends what it has again (each keeps its own
				// copy), so nothing typed is lost; this room is dropped and loaded afresh.
				log.error({ err: error }, 'notes: an update could not be stored');
				drop(entry);
			});
		clearTimeout(entry.textTimer);
		entry.textTimer = setTimeout(() => {
			entry.chain = entry.chain
				.then(() => writePlainText(sql, key, plainTextOf(entry.room.doc)))
				.catch((error) => log.error({ err: error }, 'notes: the plain text could not be saved'));
		}, 2000);
	}

	/** Editing sessions for the history: from a person's first change to their last. */
	function edited(entry: Entry, from: Connection) {
		const now = new Date();
		const current = entry.editing.get(from.actor.id);
		if (current) {
			current.lastAt = now;
			clearTimeout(current.timer);
			current.timer = setTimeout(() => void endSession(entry, from.actor.id), sessionIdleMs);
			return;
		}
		entry.editing.set(from.actor.id, {
			actor: from.actor,
			startedAt: now,
			lastAt: now,
			timer: setTimeout(() => void endSession(entry, from.actor.id), sessionIdleMs)
		});
	}

	async function endSession(entry: Entry, actorId: number) {
		const session = entry.editing.get(actorId);
		if (!session) return;
		entry.editing.delete(actorId);
		clearTimeout(session.timer);
		const { orderId, field } = entry.room.key;
		const text = plainTextOf(entry.room.doc);
		try {
			await entry.chain;
			await runCommand(services, async (tx) => {
				await writePlainText(tx as never, entry.room.key, text);
				const event = await appendEvent(tx, orderId, 'notes.edited', session.actor, {
					before: {},
					after: {},
					detail: {
						before: null,
						after: {
							field,
							startedAt: session.startedAt.toISOString(),
							endedAt: session.lastAt.toISOString(),
							text: text.slice(0, 20_000)
						}
					}
				});
				return { result: undefined, event };
			});
		} catch (error) {
			log.error({ err: error }, 'notes: an editing session could not be recorded');
		}
	}

	function drop(entry: Entry) {
		const name = keyOf(entry.room.key);
		if (entries.get(name) === entry) entries.delete(name);
		entry.releasing ??= Promise.resolve();
		for (const connection of entry.room.connections.values()) {
			connection.ws.close(CLOSE.unavailable.code, CLOSE.unavailable.reason);
		}
		clearTimeout(entry.textTimer);
		for (const session of entry.editing.values()) clearTimeout(session.timer);
		entry.room.destroy();
	}

	/** Writes everything down and lets the note go from memory. */
	function release(entry: Entry) {
		entry.releasing = (async () => {
			clearTimeout(entry.textTimer);
			await Promise.all([...entry.editing.keys()].map((id) => endSession(entry, id)));
			await entry.chain;
			try {
				await compactNote(sql, entry.room.key, entry.room.doc, { wait: true });
			} catch (error) {
				log.error({ err: error }, 'notes: a note could not be compacted on release');
			}
			entry.room.destroy();
			const name = keyOf(entry.room.key);
			if (entries.get(name) === entry) entries.delete(name);
		})();
		return entry.releasing;
	}

	function onUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer) {
		if (!req.url?.startsWith('/collab/')) {
			// socket.io takes its own; anything else would be held open for nothing.
			if (options.closeOtherUpgrades && !req.url?.startsWith('/socket.io/')) socket.destroy();
			return;
		}
		socket.on('error', () => socket.destroy());
		admitToNote(sql, req)
			.then((admission) => {
				if ('status' in admission) return refuseUpgrade(socket, admission);
				wss.handleUpgrade(req, socket, head, (ws) => connect(ws, admission));
			})
			.catch((error) => {
				log.error({ err: error }, 'notes: an upgrade failed');
				refuseUpgrade(socket, { status: 503, message: 'Notes are unavailable right now' });
			});
	}

	function connect(ws: WebSocket, admission: Admission) {
		const entry = open(admission.key);
		const connection: Connection = {
			ws,
			actor: admission.actor,
			sessionId: admission.sessionId,
			readOnly: admission.readOnly,
			clientIds: new Set(),
			tokens: limits.burst,
			refilledAt: Date.now(),
			alive: true
		};
		clearTimeout(entry.releaseTimer);
		// Messages wait (in order) until the note is loaded.
		let queue = entry.ready.then(() => {
			if (ws.readyState === ws.OPEN) entry.room.join(connection);
		});
		ws.binaryType = 'nodebuffer';
		ws.on('message', (data: Buffer, isBinary) => {
			queue = queue.then(() => {
				if (!entry.room.connections.has(ws)) return;
				const problem = isBinary
					? entry.room.receive(connection, new Uint8Array(data))
					: CLOSE.malformed;
				if (problem) ws.close(problem.code, problem.reason);
			});
		});
		ws.on('pong', () => (connection.alive = true));
		ws.on('error', () => ws.terminate());
		ws.on('close', () => {
			void queue.then(() => {
				const last = entry.room.leave(connection);
				const stillHere = [...entry.room.connections.values()].some(
					(other) => other.actor.id === connection.actor.id
				);
				if (!stillHere) void endSession(entry, connection.actor.id);
				if (last && !entry.releasing) {
					clearTimeout(entry.releaseTimer);
					entry.releaseTimer = setTimeout(() => {
						if (entry.room.connections.size === 0 && !entry.releasing) void release(entry);
					}, releaseAfterMs);
				}
			});
		});
		queue = queue.catch((error) => {
			log.error({ err: error }, 'notes: a note could not be opened');
			ws.close(CLOSE.unavailable.code, CLOSE.unavailable.reason);
			drop(entry);
		});
	}

	// A connection that stops answering pings is gone (a tablet that went to sleep).
	const heartbeat = setInterval(() => {
		for (const entry of entries.values()) {
			for (const connection of entry.room.connections.values()) {
				if (!connection.alive) connection.ws.terminate();
				else {
					connection.alive = false;
					connection.ws.ping();
				}
			}
		}
	}, 30_000);
	heartbeat.unref();

	// A piece picked up while someone has its notes open: from now on they only read them.
	const unsubscribeEvents = services.bus.on(['order.picked_up'], (event) => {
		for (const entry of entries.values()) {
			if (entry.room.key.orderId !== event.orderId) continue;
			for (const connection of entry.room.connections.values()) connection.readOnly = true;
		}
	});

	const unsubscribeEnded = services.bus.onSessionsEnded((ids) => {
		const ended = new Set(ids);
		for (const entry of entries.values()) {
			for (const connection of entry.room.connections.values()) {
				if (ended.has(connection.sessionId)) {
					connection.ws.close(CLOSE.signedOut.code, CLOSE.signedOut.reason);
				}
			}
		}
	});

	server.on('upgrade', onUpgrade);

	return {
		/** How many notes are in memory, and how many editors are connected (for tests and bench). */
		stats() {
			let connections = 0;
			for (const entry of entries.values()) connections += entry.room.connections.size;
			return { notes: entries.size, connections };
		},
		async close() {
			server.off('upgrade', onUpgrade);
			clearInterval(heartbeat);
			unsubscribeEnded();
			unsubscribeEvents();
			for (const client of wss.clients) client.close(1001, 'The server is restarting');
			await Promise.all(
				[...entries.values()].map(async (entry) => {
					clearTimeout(entry.releaseTimer);
					await entry.ready.catch(() => undefined);
					if (!entry.releasing) await release(entry);
					else await entry.releasing;
				})
			);
			await listening?.unlisten();
			await new Promise((resolve) => wss.close(resolve));
		}
	};
}
