import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Actor } from '../src/lib/server/events';
import type { NoteKey } from '../src/lib/server/notes/note-store';

/** y-websocket's message types. */
const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_QUERY_AWARENESS = 3;

/** Close codes a client can act on (4000-4999 are the application's). */
export const CLOSE = {
	malformed: { code: 4400, reason: 'The note could not read a message from this screen' },
	readOnly: { code: 4403, reason: 'This order is archived: its notes can no longer change' },
	tooLarge: { code: 4413, reason: 'This note is too long to add more' },
	tooFast: { code: 4429, reason: 'Too many changes at once: reconnecting' },
	signedOut: { code: 4401, reason: 'Signed out' },
	unavailable: { code: 1011, reason: 'The note could not be saved: reconnecting' }
} as const;

export interface Limits {
	/** The largest a note's encoded state may grow. */
	maxDocBytes: number;
	/** Messages a connection may send in a burst, and per second after it. */
	burst: number;
	perSecond: number;
}

export interface Connection {
	ws: WebSocket;
	actor: Actor;
	sessionId: string;
	/** The order is archived (at connection, or picked up since): its notes no longer change. */
	readOnly: boolean;
	/** The awareness (caret) client ids this connection speaks for. */
	clientIds: Set<number>;
	tokens: number;
	refilledAt: number;
	alive: boolean;
}

export interface RoomHooks {
	/** A client's update was applied: store it (in order), and tell other processes. */
	stored(update: Uint8Array, from: Connection): void;
	/** An awareness change from one of this process's clients, for other processes. */
	awareness(update: Uint8Array): void;
	/** Someone changed the note (for the history's editing sessions). */
	edited(from: Connection): void;
}

const send = (ws: WebSocket, message: Uint8Array) => {
	if (ws.readyState === ws.OPEN) ws.send(message, (error) => error && ws.terminate());
};

/**
 * A caret update with the sender's own name on it: a screen says where its caret is and in which
 * colour, but whose caret it is comes from its session, so no one types under another's name.
 */
function signedAs(connection: Connection, update: Uint8Array): Uint8Array {
	const decoder = decoding.createDecoder(update);
	const encoder = encoding.createEncoder();
	const count = decoding.readVarUint(decoder);
	encoding.writeVarUint(encoder, count);
	for (let i = 0; i < count; i++) {
		encoding.writeVarUint(encoder, decoding.readVarUint(decoder)); // client id
		encoding.writeVarUint(encoder, decoding.readVarUint(decoder)); // clock
		const state = JSON.parse(decoding.readVarString(decoder)) as Record<string, unknown> | null;
		if (state && typeof state === 'object' && state.user && typeof state.user === 'object') {
			state.user = {
				...(state.user as Record<string, unknown>),
				id: connection.actor.id,
				name: connection.actor.name
			};
		}
		encoding.writeVarString(encoder, JSON.stringify(state));
	}
	return encoding.toUint8Array(encoder);
}

function isEmptyUpdate(update: Uint8Array): boolean {
	const { structs, ds } = Y.decodeUpdate(update);
	return structs.length === 0 && ds.clients.size === 0;
}

/**
 * One shared note in memory: its document, who is connected and where their carets are. It speaks
 * the y-websocket protocol; what it cannot read closes that one connection and changes nothing.
 */
export class NoteRoom {
	readonly doc = new Y.Doc();
	readonly awareness = new awarenessProtocol.Awareness(this.doc);
	readonly connections = new Map<WebSocket, Connection>();
	/** An estimate of the encoded size: exact after load, grows by each update's length. */
	#approxBytes = 0;

	constructor(
		readonly key: NoteKey,
		readonly limits: Limits,
		readonly hooks: RoomHooks
	) {
		this.awareness.setLocalState(null);
		this.doc.on('update', (update: Uint8Array, origin: unknown) => {
			const message = encoding.createEncoder();
			encoding.writeVarUint(message, MESSAGE_SYNC);
			syncProtocol.writeUpdate(message, update);
			const bytes = encoding.toUint8Array(message);
			for (const connection of this.connections.values()) {
				if (connection !== origin) send(connection.ws, bytes);
			}
			// Yjs reports only what really changed the note: a client resending what the room
			// already has stores nothing.
			const from = this.#connectionOf(origin);
			if (from) {
				this.#approxBytes += update.length;
				this.hooks.stored(update, from);
				this.hooks.edited(from);
			}
		});
		this.awareness.on(
			'update',
			(
				{ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
				origin: unknown
			) => {
				const changed = [...added, ...updated, ...removed];
				const from = this.#connectionOf(origin);
				if (from) {
					for (const id of added) from.clientIds.add(id);
					for (const id of removed) from.clientIds.delete(id);
				}
				const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
				const message = encoding.createEncoder();
				encoding.writeVarUint(message, MESSAGE_AWARENESS);
				encoding.writeVarUint8Array(message, update);
				const bytes = encoding.toUint8Array(message);
				for (const connection of this.connections.values()) send(connection.ws, bytes);
				if (origin !== 'relay') this.hooks.awareness(update);
			}
		);
	}

	/** Applies what was stored (snapshot, then updates), before anyone connects. */
	load(updates: Uint8Array[]) {
		for (const update of updates) Y.applyUpdate(this.doc, update, 'store');
		this.#approxBytes = Y.encodeStateAsUpdate(this.doc).length;
	}

	/** An update or caret from another process. */
	applyRelayed(kind: 'update' | 'awareness', bytes: Uint8Array) {
		if (kind === 'update') Y.applyUpdate(this.doc, bytes, 'relay');
		else awarenessProtocol.applyAwarenessUpdate(this.awareness, bytes, 'relay');
	}

	join(connection: Connection) {
		this.connections.set(connection.ws, connection);
		const step1 = encoding.createEncoder();
		encoding.writeVarUint(step1, MESSAGE_SYNC);
		syncProtocol.writeSyncStep1(step1, this.doc);
		send(connection.ws, encoding.toUint8Array(step1));
		const states = this.awareness.getStates();
		if (states.size > 0) {
			const message = encoding.createEncoder();
			encoding.writeVarUint(message, MESSAGE_AWARENESS);
			encoding.writeVarUint8Array(
				message,
				awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])
			);
			send(connection.ws, encoding.toUint8Array(message));
		}
	}

	/** Forgets a connection and its carets; true when it was the last. */
	leave(connection: Connection): boolean {
		if (!this.connections.delete(connection.ws)) return this.connections.size === 0;
		if (connection.clientIds.size > 0) {
			awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.clientIds], null);
		}
		return this.connections.size === 0;
	}

	/** Handles one message from a connection; returns a reason to close it, or null. */
	receive(connection: Connection, data: Uint8Array): (typeof CLOSE)[keyof typeof CLOSE] | null {
		if (!this.#takeToken(connection)) return CLOSE.tooFast;
		try {
			const decoder = decoding.createDecoder(data);
			const type = decoding.readVarUint(decoder);
			if (type === MESSAGE_SYNC) return this.#sync(connection, decoder);
			if (type === MESSAGE_AWARENESS) {
				const update = signedAs(connection, decoding.readVarUint8Array(decoder));
				awarenessProtocol.applyAwarenessUpdate(this.awareness, update, connection);
				return null;
			}
			if (type === MESSAGE_QUERY_AWARENESS) {
				const message = encoding.createEncoder();
				encoding.writeVarUint(message, MESSAGE_AWARENESS);
				encoding.writeVarUint8Array(
					message,
					awarenessProtocol.encodeAwarenessUpdate(this.awareness, [
						...this.awareness.getStates().keys()
					])
				);
				send(connection.ws, encoding.toUint8Array(message));
				return null;
			}
			return CLOSE.malformed;
		} catch {
			return CLOSE.malformed;
		}
	}

	#sync(connection: Connection, decoder: decoding.Decoder) {
		const kind = decoding.readVarUint(decoder);
		if (kind === syncProtocol.messageYjsSyncStep1) {
			const stateVector = decoding.readVarUint8Array(decoder);
			const reply = encoding.createEncoder();
			encoding.writeVarUint(reply, MESSAGE_SYNC);
			syncProtocol.writeSyncStep2(reply, this.doc, stateVector);
			send(connection.ws, encoding.toUint8Array(reply));
			return null;
		}
		if (kind !== syncProtocol.messageYjsSyncStep2 && kind !== syncProtocol.messageYjsUpdate) {
			return CLOSE.malformed;
		}
		const update = decoding.readVarUint8Array(decoder);
		// Read the whole update before it touches the document: a malformed one throws here.
		if (isEmptyUpdate(update)) return null;
		if (connection.readOnly) return CLOSE.readOnly;
		if (this.#approxBytes + update.length > this.limits.maxDocBytes) {
			this.#approxBytes = Y.encodeStateAsUpdate(this.doc).length;
			if (this.#approxBytes + update.length > this.limits.maxDocBytes) return CLOSE.tooLarge;
		}
		Y.applyUpdate(this.doc, update, connection);
		return null;
	}

	#connectionOf(origin: unknown): Connection | undefined {
		const candidate = origin as Connection | null;
		return candidate?.ws && this.connections.get(candidate.ws) === candidate
			? candidate
			: undefined;
	}

	#takeToken(connection: Connection): boolean {
		const now = Date.now();
		connection.tokens = Math.min(
			this.limits.burst,
			connection.tokens + ((now - connection.refilledAt) / 1000) * this.limits.perSecond
		);
		connection.refilledAt = now;
		if (connection.tokens < 1) return false;
		connection.tokens -= 1;
		return true;
	}

	destroy() {
		this.awareness.destroy();
		this.doc.destroy();
	}
}
