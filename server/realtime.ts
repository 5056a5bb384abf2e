import type http from 'node:http';
import type http2 from 'node:http2';
import { Server } from 'socket.io';
import { maskEvent, screenEvent } from '../src/lib/masking';
import type { ClientToServerEvents, ServerToClientEvents } from '../src/lib/live/socket-events';
import { can } from '../src/lib/server/auth/roles';
import { SESSION_COOKIE, validateSessionToken } from '../src/lib/server/auth/sessions';
import type { Actor } from '../src/lib/server/events';
import type { Services } from '../src/lib/server/services';
import { log } from '../src/lib/server/log';
import { readDisplayOptions } from '../src/lib/server/auth/displays';
import { readWipLimits } from '../src/lib/server/wip-limits';
import { wipLimitsForDisplay } from '../src/lib/wip';
import { LocationSeqs, withWholeCards } from '../src/lib/server/location-events';

/** Staff screens get events as they are; wall displays get them masked, in a room of their own. */
export const BOARD_ROOM = 'board';
/** Every wall display: the shop's settings reach them all. */
export const DISPLAY_ROOM = 'display';
/** The wall displays that show every location: they get every event. */
export const DISPLAY_ALL_ROOM = 'display:all';
/** A display limited to one location is in its room only, and hears nothing of the others. */
const LOCATION_ROOM = 'display:location:';
export const locationRoom = (id: number) => `${LOCATION_ROOM}${id}`;
/** The displays that show who does the work: they may know each jeweler's limit too. */
export const DISPLAY_PEOPLE_ROOM = 'display:people';

interface SocketData {
	actor: Actor;
	sessionId: string;
	/** A display's option, as it was when it connected (later changes move it between rooms). */
	showsPeople: boolean;
	/** A display's location, likewise; null: every location (and every person's screen). */
	locationId: number | null;
}

/**
 * Whether a browser's Origin is this app. Behind a proxy the app's host is ORIGIN's, or the one the
 * proxy passes in HOST_HEADER (as SvelteKit reads them); else the request's own Host.
 */
export function sameOrigin(headers: http.IncomingHttpHeaders, env = process.env): boolean {
	const { origin } = headers;
	if (!origin) return true; // not a browser: nothing to hijack
	let host: string | undefined;
	if (env.ORIGIN) host = new URL(env.ORIGIN).host;
	else if (env.HOST_HEADER) host = String(headers[env.HOST_HEADER.toLowerCase()] ?? '');
	host ||= headers.host;
	try {
		return new URL(origin).host === host;
	} catch {
		return false;
	}
}

export function cookieValue(header: string | undefined, name: string): string | undefined {
	for (const part of header?.split(';') ?? []) {
		const [key, ...value] = part.trim().split('=');
		if (key === name) return decodeURIComponent(value.join('='));
	}
	return undefined;
}

/**
 * socket.io on the app's own port. The handshake must carry a valid session (a person's or a
 * display's) and, from a browser, our own Origin; a socket closes when its session ends. Each
 * committed event is serialised once per room.
 */
export function attachRealtime(server: http.Server | http2.Http2SecureServer, services: Services) {
	const io = new Server<
		ClientToServerEvents,
		ServerToClientEvents,
		Record<string, never>,
		SocketData
	>(server, {
		path: '/socket.io',
		serveClient: false,
		// Other upgrades on this port (the notes' /collab) answer after an async sign-in check:
		// engine.io must not end them for not answering within a second.
		destroyUpgrade: false
	});
	io.use(async (socket, next) => {
		try {
			// Cross-site WebSocket hijacking: a page elsewhere would send its own Origin.
			if (!sameOrigin(socket.handshake.headers)) return next(new Error('forbidden origin'));
			const token = cookieValue(socket.handshake.headers.cookie, SESSION_COOKIE);
			const result = token
				? await validateSessionToken(services.db.sql, token, services.sessions)
				: null;
			if (!result || !can(result.actor.role, 'board.read'))
				return next(new Error('unauthenticated'));
			const options =
				result.actor.role === 'display'
					? await readDisplayOptions(services.db.sql, result.actor.id)
					: null;
			socket.data = {
				actor: result.actor,
				sessionId: result.session.id,
				showsPeople: options?.showAssignee ?? false,
				locationId: options?.locationId ?? null
			};
			next();
		} catch (error) {
			log.error({ err: error }, 'socket handshake failed');
			next(new Error('unavailable'));
		}
	});
	io.on('connection', (socket) => {
		const { actor, sessionId, showsPeople, locationId } = socket.data;
		void socket.join([
			actor.role === 'display' ? DISPLAY_ROOM : BOARD_ROOM,
			...(actor.role === 'display'
				? [`display:${actor.id}`, locationId === null ? DISPLAY_ALL_ROOM : locationRoom(locationId)]
				: []),
			...(showsPeople ? [DISPLAY_PEOPLE_ROOM] : []),
			`session:${sessionId}`
		]);
		// A screen that was away (or restarting) missed any change of the limits: it gets them now.
		void readWipLimits(services.db.sql)
			.then((limits) =>
				socket.emit(
					'wip:changed',
					actor.role === 'display' ? wipLimitsForDisplay(limits, showsPeople) : limits
				)
			)
			.catch((error) => log.error({ err: error }, 'could not send a screen its limits'));
	});
	services.connectedScreens = () => ({
		board: io.sockets.adapter.rooms.get(BOARD_ROOM)?.size ?? 0,
		display: io.sockets.adapter.rooms.get(DISPLAY_ROOM)?.size ?? 0
	});
	let seqs = new LocationSeqs();
	// Whole cards are read from the database: one event's emissions finish before the next's start.
	let locationQueue = Promise.resolve();
	const unsubscribe = services.bus.subscribe((event) => {
		io.to(BOARD_ROOM).emit('order:event', screenEvent(event));
		io.to(DISPLAY_ALL_ROOM).emit('order:event', maskEvent(event));
		const prevSeqs = seqs.see(event, locationsWithScreens());
		if (!prevSeqs.size) return;
		locationQueue = locationQueue
			.then(async () => {
				const [shown] = await withWholeCards(services.db.sql, [event]);
				for (const [id, prevSeq] of prevSeqs) {
					io.to(locationRoom(id)).emit('order:event', maskEvent({ ...shown, prevSeq }));
				}
			})
			.catch((error) => log.error({ err: error }, 'could not send a location its event'));
	});
	/** The locations that have a display open on this process. */
	function locationsWithScreens(): number[] {
		const ids: number[] = [];
		for (const [room, sockets] of io.sockets.adapter.rooms) {
			if (room.startsWith(LOCATION_ROOM) && sockets.size)
				ids.push(Number(room.slice(LOCATION_ROOM.length)));
		}
		return ids;
	}
	const unsubscribeNotices = services.bus.onScreenNotice((notice) => {
		if (notice.type === 'settings') {
			io.to([BOARD_ROOM, DISPLAY_ROOM]).emit('settings:changed', {
				stageThresholds: notice.stageThresholds
			});
		} else if (notice.type === 'wip') {
			io.to([BOARD_ROOM, DISPLAY_PEOPLE_ROOM]).emit('wip:changed', notice.limits);
			io.to(DISPLAY_ROOM)
				.except(DISPLAY_PEOPLE_ROOM)
				.emit('wip:changed', wipLimitsForDisplay(notice.limits, false));
		} else if (notice.type === 'shop') {
			io.to([BOARD_ROOM, DISPLAY_ROOM]).emit('shop:changed', notice.profile);
		} else {
			const room = `display:${notice.displayId}`;
			// A new location: the display leaves the old one's events (it reloads its board).
			const events =
				notice.options.locationId === null
					? DISPLAY_ALL_ROOM
					: locationRoom(notice.options.locationId);
			const others = [DISPLAY_ALL_ROOM, ...locationsWithScreens().map(locationRoom)];
			io.in(room).socketsLeave(others.filter((other) => other !== events));
			io.in(room).socketsJoin(events);
			if (notice.options.showAssignee) io.in(room).socketsJoin(DISPLAY_PEOPLE_ROOM);
			else io.in(room).socketsLeave(DISPLAY_PEOPLE_ROOM);
			io.to(room).emit('display:options', notice.options);
			// Shown or hidden, the people's limits follow the display's choice.
			void readWipLimits(services.db.sql)
				.then((limits) =>
					io.to(room).emit('wip:changed', wipLimitsForDisplay(limits, notice.options.showAssignee))
				)
				.catch((error) => log.error({ err: error }, 'could not send a display its limits'));
		}
	});
	const unsubscribeEnded = services.bus.onSessionsEnded((ids) => {
		io.in(ids.map((id) => `session:${id}`)).disconnectSockets(true);
	});
	// The database began again: every session is gone, and each screen's last seq is of the old log.
	const unsubscribeRestarted = services.bus.onRestarted(() => {
		// The new log's seqs start again: what was sent to each location counts no more.
		seqs = new LocationSeqs();
		io.disconnectSockets(true);
	});
	return {
		io,
		async close() {
			unsubscribe();
			unsubscribeNotices();
			unsubscribeEnded();
			unsubscribeRestarted();
			await io.close();
		}
	};
}
