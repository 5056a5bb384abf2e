import { runInNewContext } from 'node:vm';
import v8 from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { createOrder, moveOrder } from '../../src/lib/server/orders';
import { pickUpOrder } from '../../src/lib/server/release';
import { loadNote } from '../../src/lib/server/notes/note-store';
import { plainTextOf } from '../../src/lib/server/notes/note-text';
import type { StartedServices } from '../../src/lib/server/start';
import type { OrderEvent } from '../../src/lib/events';
import { backends } from '../helpers/services';
import {
	collabServer,
	cookieFor,
	editor,
	socketClass,
	until,
	upgradeStatus
} from '../helpers/collab';

/** The note as the database holds it, read back as a fresh process would. */
async function storedText(
	services: StartedServices,
	orderId: number,
	field: 'design' | 'requests'
) {
	const doc = new Y.Doc();
	for (const update of await loadNote(services.db.sql, { orderId, field }))
		Y.applyUpdate(doc, update);
	return plainTextOf(doc);
}

describe.each(backends)('collaborative notes on $name', (backend) => {
	let services: StartedServices;
	let staffCookie: string;
	let benchCookie: string;
	let displayCookie: string;
	let staffId: number;
	const published: OrderEvent[] = [];

	beforeAll(async () => {
		services = await backend.start();
		services.bus.subscribe((event) => published.push(event));
		const [staff] = await services.db.sql<{ id: number }[]>`
			insert into users (username, display_name, role) values ('sam', 'Sam Ortiz', 'staff')
			returning id`;
		const [bench] = await services.db.sql<{ id: number }[]>`
			insert into users (username, display_name, role) values ('elena', 'Elena Novak', 'bench')
			returning id`;
		const [display] = await services.db.sql<{ id: number }[]>`
			insert into display_devices (name, link_hash, created_by)
			values ('Showroom', 'x', ${staff.id}) returning id`;
		staffId = staff.id;
		staffCookie = await cookieFor(services, { userId: staff.id });
		benchCookie = await cookieFor(services, { userId: bench.id });
		displayCookie = await cookieFor(services, { displayId: display.id });
	});
	afterAll(() => services?.stop());

	const newOrder = (designNotes?: string) =>
		createOrder(services, services.shopActor, {
			customer: { givenName: 'Olivia', familyName: 'Bennett' },
			title: 'Oval solitaire',
			...(designNotes ? { designNotes } : {})
		}).then(({ card }) => card);

	it('two people typing at once end with the same note, holding both texts', async () => {
		const server = await collabServer(services);
		const order = await newOrder('Low cathedral setting');
		const a = editor(server.url, order.id, 'design', staffCookie);
		const b = editor(server.url, order.id, 'design', benchCookie);
		try {
			await Promise.all([a.synced(), b.synced()]);
			expect(plainTextOf(a.doc)).toBe('Low cathedral setting');
			for (let i = 0; i < 20; i++) {
				a.type(`sales ${i}`);
				b.type(`bench ${i}`);
			}
			await until(
				() =>
					plainTextOf(a.doc) === plainTextOf(b.doc) && plainTextOf(a.doc).split('\n').length === 41,
				'both editors to converge'
			);
			const text = plainTextOf(a.doc);
			for (let i = 0; i < 20; i++) {
				expect(text).toContain(`sales ${i}`);
				expect(text).toContain(`bench ${i}`);
			}
			await until(
				async () => (await storedText(services, order.id, 'design')) === text,
				'the store'
			);
		} finally {
			a.destroy();
			b.destroy();
			await server.close();
		}
	});

	it('keeps every word across a restart, and across a crash that wrote nothing down', async () => {
		const order = await newOrder();
		const first = await collabServer(services);
		const a = editor(first.url, order.id, 'requests', staffCookie);
		await a.synced();
		a.type('Wants the stone to sit low');
		await until(
			async () => (await storedText(services, order.id, 'requests')).length > 0,
			'stored'
		);
		// A crash: the first server's memory is simply gone (no close, no compaction).
		a.destroy();
		const second = await collabServer(services);
		const b = editor(second.url, order.id, 'requests', benchCookie);
		await b.synced();
		expect(plainTextOf(b.doc)).toBe('Wants the stone to sit low');
		b.type('Check the size again');
		await until(() => plainTextOf(b.doc).includes('size again'), 'typing');
		b.destroy();
		// A clean restart writes the snapshot and the order's plain-text copy.
		await second.close();
		await first.close();
		const [row] = await services.db.sql<{ customerRequests: string }[]>`
			select customer_requests from orders where id = ${order.id}`;
		expect(row.customerRequests).toBe('Wants the stone to sit low\nCheck the size again');
		const [{ count }] = await services.db.sql<{ count: number }[]>`
			select count(*)::int from note_updates where order_id = ${order.id}`;
		expect(count).toBe(0);
		const third = await collabServer(services);
		const c = editor(third.url, order.id, 'requests', staffCookie);
		await c.synced();
		expect(plainTextOf(c.doc)).toBe('Wants the stone to sit low\nCheck the size again');
		c.destroy();
		await third.close();
	});

	it('refuses before the upgrade: no session, a wall display, another site, no such note', async () => {
		const server = await collabServer(services);
		const order = await newOrder();
		const url = `${server.url}/collab/${order.id}/design`;
		try {
			expect(await upgradeStatus(url, {})).toBe(401);
			expect(await upgradeStatus(url, { cookie: 'bb_session=' + 'a'.repeat(32) })).toBe(401);
			expect(await upgradeStatus(url, { cookie: displayCookie })).toBe(403);
			expect(
				await upgradeStatus(url, { cookie: staffCookie, origin: 'https://evil.example' })
			).toBe(403);
			expect(
				await upgradeStatus(`${server.url}/collab/${order.id}/secrets`, { cookie: staffCookie })
			).toBe(404);
			expect(
				await upgradeStatus(`${server.url}/collab/999999/design`, { cookie: staffCookie })
			).toBe(404);
			expect(await upgradeStatus(url, { cookie: benchCookie, origin: server.origin })).toBe(101);
			// Behind a proxy that passes the public host along, that host is the app's.
			process.env.HOST_HEADER = 'x-forwarded-host';
			try {
				expect(
					await upgradeStatus(url, {
						cookie: benchCookie,
						origin: 'https://board.example-jewelers.com',
						'x-forwarded-host': 'board.example-jewelers.com'
					})
				).toBe(101);
				expect(
					await upgradeStatus(url, {
						cookie: benchCookie,
						origin: 'https://evil.example',
						'x-forwarded-host': 'board.example-jewelers.com'
					})
				).toBe(403);
			} finally {
				delete process.env.HOST_HEADER;
			}
			await until(() => server.collab.stats().connections === 0, 'the test sockets to close');
		} finally {
			await server.close();
		}
	});

	it('closes a connection that sends garbage, and nobody else or the stored note notices', async () => {
		const server = await collabServer(services);
		const order = await newOrder('Knife-edge shank');
		const a = editor(server.url, order.id, 'design', staffCookie);
		try {
			await a.synced();
			for (const garbage of [
				Buffer.from([0, 2, 200, 1, 7, 7, 7]), // an update whose length runs past its end
				Buffer.from([0, 2, 5, 1, 2, 3, 4, 5]), // an update that is not one
				Buffer.from([9, 9, 9]), // no such message type
				Buffer.from('hello') // text, not binary
			]) {
				const Socket = socketClass(benchCookie);
				const raw = new Socket(`${server.url}/collab/${order.id}/design`);
				const closed = new Promise<number>((resolve) => raw.on('close', (code) => resolve(code)));
				await new Promise((resolve) => raw.on('open', resolve));
				raw.send(garbage, {
					binary: typeof garbage !== 'string' && garbage.toString() !== 'hello'
				});
				expect(await closed).toBe(4400);
			}
			a.type('Still fine');
			await until(
				async () => (await storedText(services, order.id, 'design')).includes('Still fine'),
				'store'
			);
			expect(await storedText(services, order.id, 'design')).toBe('Knife-edge shank\nStill fine');
			expect(a.provider.wsconnected).toBe(true);
		} finally {
			a.destroy();
			await server.close();
		}
	});

	it('holds a note to its size and a connection to a pace, with a reason on the close', async () => {
		const server = await collabServer(services, { maxDocBytes: 4000, burst: 40, perSecond: 5 });
		const order = await newOrder();
		const a = editor(server.url, order.id, 'design', staffCookie);
		try {
			await a.synced();
			a.type('x'.repeat(6000));
			await until(() => a.closes.some((close) => close.code === 4413), 'the size limit');
			expect(a.closes.find((close) => close.code === 4413)!.reason).toMatch(/too long/);
			expect(await storedText(services, order.id, 'design')).toBe('');
			a.destroy();

			const Socket = socketClass(staffCookie);
			const raw = new Socket(`${server.url}/collab/${order.id}/design`);
			const closed = new Promise<number>((resolve) => raw.on('close', (code) => resolve(code)));
			await new Promise((resolve) => raw.on('open', resolve));
			const step1 = encoding.createEncoder();
			encoding.writeVarUint(step1, 0);
			syncProtocol.writeSyncStep1(step1, new Y.Doc());
			for (let i = 0; i < 100; i++) raw.send(encoding.toUint8Array(step1));
			expect(await closed).toBe(4429);
		} finally {
			await server.close();
		}
	});

	it('lets nobody change the notes of a picked-up order', async () => {
		const server = await collabServer(services);
		const order = await newOrder('Final notes');
		const ready = (
			await moveOrder(services, services.shopActor, order.id, {
				stage: 'ready',
				afterId: null,
				version: order.version
			})
		).card;
		(await pickUpOrder(services, services.shopActor, order.id, { version: ready.version })).card;
		const a = editor(server.url, order.id, 'design', staffCookie);
		try {
			await a.synced();
			expect(plainTextOf(a.doc)).toBe('Final notes');
			a.type('Too late');
			await until(() => a.closes.some((close) => close.code === 4403), 'read-only');
			expect(await storedText(services, order.id, 'design')).toBe('Final notes');
		} finally {
			a.destroy();
			await server.close();
		}
	});

	it('records each person’s editing session in the history, not each keystroke', async () => {
		const server = await collabServer(services);
		const order = await newOrder();
		const from = published.length;
		const a = editor(server.url, order.id, 'design', staffCookie);
		try {
			await a.synced();
			for (const word of ['Bezel', 'setting', 'in', 'yellow', 'gold']) {
				a.type(word);
				await new Promise((resolve) => setTimeout(resolve, 30));
			}
			await until(
				async () => (await storedText(services, order.id, 'design')).includes('gold'),
				'store'
			);
			a.destroy();
			await until(
				() => published.slice(from).some((event) => event.type === 'notes.edited'),
				'the editing session'
			);
			const sessions = published.slice(from).filter((event) => event.type === 'notes.edited');
			expect(sessions).toHaveLength(1);
			expect(sessions[0]).toMatchObject({
				orderId: order.id,
				actor: { id: staffId, name: 'Sam Ortiz' }
			});
			const detail = sessions[0].payload.detail!.after as Record<string, string>;
			expect(detail.field).toBe('design');
			expect(detail.text).toBe('Bezel\nsetting\nin\nyellow\ngold');
			expect(new Date(detail.endedAt).getTime()).toBeGreaterThan(
				new Date(detail.startedAt).getTime()
			);
		} finally {
			await server.close();
		}
	});

	it('lets a note go from memory after its editors leave; memory does not grow with notes opened', async () => {
		const server = await collabServer(services, { releaseAfterMs: 10 });
		v8.setFlagsFromString('--expose-gc');
		const gc = runInNewContext('gc') as () => void;
		const openAndLeave = async (count: number) => {
			for (let i = 0; i < count; i++) {
				const order = await newOrder(`Note ${i}`);
				const a = editor(server.url, order.id, 'design', staffCookie);
				await a.synced();
				a.type('a line');
				await until(
					async () => (await storedText(services, order.id, 'design')).includes('a line'),
					'store'
				);
				a.destroy();
			}
			await until(() => server.collab.stats().notes === 0, 'every note released', 10_000);
		};
		try {
			await openAndLeave(10);
			gc();
			const before = process.memoryUsage().heapUsed;
			await openAndLeave(60);
			gc();
			const after = process.memoryUsage().heapUsed;
			expect(server.collab.stats()).toEqual({ notes: 0, connections: 0 });
			// 60 more notes opened and closed: what stays is noise, not 60 documents' worth.
			expect(after - before).toBeLessThan(8 * 1024 * 1024);
		} finally {
			await server.close();
		}
	}, 120_000);

	it('ends an upgrade that nobody serves instead of holding it open', async () => {
		const server = await collabServer(services, { closeOtherUpgrades: true });
		try {
			const ended = await new Promise<string>((resolve) => {
				const ws = new WebSocket(`${server.url}/somewhere`);
				ws.on('open', () => resolve('open'));
				ws.on('unexpected-response', () => resolve('refused'));
				ws.on('error', () => resolve('ended'));
				setTimeout(() => resolve('still open'), 3000);
			});
			expect(ended).toBe('ended');
		} finally {
			await server.close();
		}
	});

	it('names each caret after its session, and stops taking edits once the piece is picked up', async () => {
		const server = await collabServer(services);
		const order = await newOrder('Bezel');
		const sam = editor(server.url, order.id, 'design', staffCookie);
		const elena = editor(server.url, order.id, 'design', benchCookie);
		try {
			await Promise.all([sam.synced(), elena.synced()]);
			// Sam's screen claims to be Elena: the others still see Sam.
			sam.provider.awareness.setLocalStateField('user', { name: 'Elena Novak', color: '#a33' });
			await until(
				() =>
					[...elena.provider.awareness.getStates().entries()].some(
						([id, state]) => id === sam.doc.clientID && state.user
					),
				'the caret'
			);
			const seen = elena.provider.awareness.getStates().get(sam.doc.clientID)!.user as {
				name: string;
				color: string;
			};
			expect(seen).toMatchObject({ name: 'Sam Ortiz', color: '#a33' });

			const ready = (
				await moveOrder(services, services.shopActor, order.id, {
					stage: 'ready',
					afterId: null,
					version: order.version
				})
			).card;
			(await pickUpOrder(services, services.shopActor, order.id, { version: ready.version })).card;
			sam.type('After pickup');
			await until(() => sam.closes.some((close) => close.code === 4403), 'read-only');
			expect(await storedText(services, order.id, 'design')).toBe('Bezel');
		} finally {
			sam.destroy();
			elena.destroy();
			await server.close();
		}
	});
});
