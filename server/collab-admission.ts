import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { SESSION_COOKIE, validateSessionToken } from '../src/lib/server/auth/sessions';
import type { Sql } from '../src/lib/server/db';
import { DomainError } from '../src/lib/server/errors';
import type { Actor } from '../src/lib/server/events';
import { openNoteFor } from '../src/lib/server/notes/note-access';
import type { NoteKey } from '../src/lib/server/notes/note-store';
import { cookieValue, sameOrigin } from './realtime';

const PATH = /^\/collab\/([1-9]\d{0,9})\/([a-z]+)$/;

export type Refusal = { status: number; message: string };
export type Admission = { actor: Actor; sessionId: string; key: NoteKey; readOnly: boolean };

/**
 * Who may open `/collab/<orderId>/<note>`, checked before the WebSocket upgrade: our own Origin, a
 * signed-in session, and what the domain says of that person and that order (note-access.ts).
 */
export async function admitToNote(
	sql: Sql,
	req: http.IncomingMessage
): Promise<Admission | Refusal> {
	const match = PATH.exec(new URL(req.url ?? '/', 'http://localhost').pathname);
	if (!match) return { status: 404, message: 'No such note' };
	// Cross-site WebSocket hijacking: a page elsewhere would send its own Origin.
	if (!sameOrigin(req.headers)) return { status: 403, message: 'Forbidden origin' };
	const token = cookieValue(req.headers.cookie, SESSION_COOKIE);
	const result = token ? await validateSessionToken(sql, token) : null;
	if (!result) return { status: 401, message: 'Sign in first' };
	try {
		const note = await openNoteFor(sql, result.actor, Number(match[1]), match[2]);
		return { actor: result.actor, sessionId: result.session.id, ...note };
	} catch (error) {
		if (error instanceof DomainError && (error.status === 403 || error.status === 404))
			return { status: error.status, message: error.message };
		throw error;
	}
}

const STATUS_TEXT: Record<number, string> = {
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	503: 'Service Unavailable'
};

/** Answers a refused upgrade in plain HTTP and closes the socket. */
export function refuseUpgrade(socket: Duplex, { status, message }: Refusal): void {
	socket.end(
		`HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\nConnection: close\r\n` +
			`Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(message)}\r\n\r\n${message}`
	);
}
