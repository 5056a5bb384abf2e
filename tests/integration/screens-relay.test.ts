import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeRole, disableAccount } from '../../src/lib/server/auth/accounts';
import {
	createDisplay,
	revokeDisplay,
	signInDisplay,
	updateDisplayOptions
} from '../../src/lib/server/auth/displays';
import {
	createSession,
	SESSION_COOKIE,
	signOut,
	validateSessionToken
} from '../../src/lib/server/auth/sessions';
import type { Sql } from '../../src/lib/server/db';
import type { Actor } from '../../src/lib/server/events';
import { updateStageThresholds } from '../../src/lib/server/settings';
import type { StartedServices } from '../../src/lib/server/start';
import { createTestDatabase, startProcess } from '../helpers/services';
import { screen, socketServer } from '../helpers/sockets';
import { until } from '../helpers/until';

const adminUrl = process.env.TEST_DATABASE_URL;

/**
 * B's database, whose reads of sessions are held until `release`: a read made just before the
 * session ends on A, whose answer comes back after B heard of the end.
 */
function heldReads(sql: Sql) {
	let release!: () => void;
	const released = new Promise<void>((resolve) => (release = resolve));
	let reads = 0;
	const held = ((strings: TemplateStringsArray, ...values: unknown[]) => {
		const query = sql(strings, ...(values as never[]));
		if (!strings.join('').includes('from sessions s')) return query;
		reads++;
		return query.then(async (rows) => {
			await released;
			return rows;
		});
	}) as unknown as Sql;
	return { sql: held, release, reads: () => reads };
}

/**
 * Two server processes on one PostgreSQL database: a person's or a display's socket is held by
 * one, and the owner works through the other, as a balancer sends them.
 */
describe.skipIf(!adminUrl)('open screens across processes on PostgreSQL', () => {
	let database: Awaited<ReturnType<typeof createTestDatabase>>;
	let a: StartedServices;
	let b: StartedServices;
	let onB: Awaited<ReturnType<typeof socketServer>>;
	let owner: Actor;
	const sockets: Socket[] = [];

	beforeAll(async () => {
		database = await createTestDatabase(adminUrl!);
		const start = () => startProcess(database);
		[a, b] = await Promise.all([start(), start()]);
		onB = await socketServer(b);
		const [user] = await a.db.sql<{ id: number }[]>`
			insert into users (username, display_name, role) values ('avery', 'Avery Stone', 'owner')
			returning id`;
		owner = { id: user.id, name: 'Avery Stone', role: 'owner' };
	});
	afterAll(async () => {
		for (const socket of sockets) socket.close();
		await onB?.close();
		await a?.stop();
		await b?.stop();
		await database?.drop();
	});

	/** A person with a session, whose board is open on process B (and whose session B has cached). */
	async function personOnB(username: string) {
		const [user] = await a.db.sql<{ id: number }[]>`
			insert into users (username, display_name, role) values (${username}, ${username}, 'staff')
			returning id`;
		const { token } = await createSession(a.db.sql, { userId: user.id });
		const board = await screen(onB.url, token);
		sockets.push(board.socket);
		expect(await validateSessionToken(b.db.sql, token, b.sessions)).not.toBeNull();
		return { id: user.id, token, board };
	}

	/** Within two seconds B has closed the socket, and its cached session works no more. */
	async function endedOnB(person: Awaited<ReturnType<typeof personOnB>>) {
		await until(() => person.board.socket.disconnected, 'the socket on B to be closed', 2000);
		expect(await validateSessionToken(b.db.sql, person.token, b.sessions)).toBeNull();
	}

	it('signing out through A closes the board on B, and B refuses the session', async () => {
		const sam = await personOnB('sam');
		const signedIn = (await validateSessionToken(a.db.sql, sam.token, a.sessions))!;
		await signOut(a, signedIn.session, signedIn.actor, null);
		await endedOnB(sam);
	});

	it('disabling an account or changing its role through A closes its board on B', async () => {
		const morgan = await personOnB('morgan');
		const elena = await personOnB('elena');
		await disableAccount(a, owner, morgan.id);
		await endedOnB(morgan);
		await changeRole(a, owner, elena.id, 'bench');
		await endedOnB(elena);
	});

	it("a display's options changed through A reach its screen on B; the stuck days reach every screen", async () => {
		const sam = await personOnB('sam.k');
		const { display, linkToken } = await createDisplay(a, owner, { name: 'Workshop TV' });
		const other = await createDisplay(a, owner, { name: 'Front TV' });
		const session = (await signInDisplay(a, linkToken, { ip: null, userAgent: null }))!;
		const otherSession = (await signInDisplay(a, other.linkToken, { ip: null, userAgent: null }))!;
		const tv = await screen(onB.url, session.token);
		const frontTv = await screen(onB.url, otherSession.token);
		sockets.push(tv.socket, frontTv.socket);

		await updateDisplayOptions(a, owner, display.id, { stages: ['setting'], showAssignee: false });
		await until(
			() => tv.received.some(({ name }) => name === 'display:options'),
			'the options on the display on B',
			2000
		);
		expect(tv.received.find(({ name }) => name === 'display:options')?.payload).toMatchObject({
			stages: ['setting'],
			showAssignee: false
		});
		await updateStageThresholds(a, owner, { casting: 4 });
		for (const one of [tv, frontTv, sam.board]) {
			await until(
				() => one.received.some(({ name }) => name === 'settings:changed'),
				'the stuck days on every screen on B',
				2000
			);
		}
		// Another display's options were never sent to it.
		expect(frontTv.received.map(({ name }) => name)).not.toContain('display:options');

		await revokeDisplay(a, owner, display.id);
		await until(() => tv.socket.disconnected, 'the revoked display on B to be closed', 2000);
		expect(await validateSessionToken(b.db.sql, session.token, b.sessions)).toBeNull();
		expect(frontTv.socket.connected).toBe(true);
	});

	it('a session B read just before A ended it is neither kept by B nor lets a socket in', async () => {
		const [user] = await a.db.sql<{ id: number }[]>`
			insert into users (username, display_name, role) values ('rosa', 'Rosa Diaz', 'staff')
			returning id`;
		const { token } = await createSession(a.db.sql, { userId: user.id });
		const signedIn = (await validateSessionToken(a.db.sql, token, a.sessions))!;
		const held = heldReads(b.db.sql);
		// B's sockets on the held database: the handshake reads the session, then waits.
		const slowB = await socketServer({ ...b, db: { ...b.db, sql: held.sql } });
		const heard = new Promise<void>((resolve) => b.bus.onSessionsEnded(() => resolve()));
		const socket = io(slowB.url, {
			transports: ['websocket'],
			reconnection: false,
			extraHeaders: { cookie: `${SESSION_COOKIE}=${token}` }
		});
		sockets.push(socket);
		const handshake = new Promise<string>((resolve) => {
			socket.once('connect', () => resolve('connected'));
			socket.once('connect_error', (error) => resolve(error.message));
		});
		const request = validateSessionToken(held.sql, token, b.sessions);
		await until(() => held.reads() === 2, 'both reads to be under way on B');
		await signOut(a, signedIn.session, signedIn.actor, null);
		await heard;
		held.release();
		// What began before the end may answer either way; what comes after must not see the session.
		await request;
		expect(await handshake).toBe('unauthenticated');
		expect(await validateSessionToken(b.db.sql, token, b.sessions)).toBeNull();
		await slowB.close();
	});
});
