import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createOrder } from '../../src/lib/server/orders';
import { compactNote, loadNote, storeUpdate } from '../../src/lib/server/notes/note-store';
import { transaction } from '../../src/lib/server/transaction';
import { docFromPlainText, plainTextOf } from '../../src/lib/server/notes/note-text';
import type { StartedServices } from '../../src/lib/server/start';
import { collabServer, cookieFor, editor, until } from '../helpers/collab';
import { createTestDatabase, startProcess } from '../helpers/services';

const adminUrl = process.env.TEST_DATABASE_URL;

/**
 * Two server processes on one PostgreSQL database, as a shop with more than one would run them:
 * each has its own connection pool, its own LISTEN connection and its own notes in memory.
 */
describe.skipIf(!adminUrl)('notes across two server processes on PostgreSQL', () => {
	let database: Awaited<ReturnType<typeof createTestDatabase>>;
	let one: StartedServices;
	let two: StartedServices;

	beforeAll(async () => {
		database = await createTestDatabase(adminUrl!);
		const start = () => startProcess(database);
		one = await start();
		two = await start();
	});
	afterAll(async () => {
		await one?.stop();
		await two?.stop();
		await database?.drop();
	});

	it('an edit on one process reaches an editor on the other, with the other’s caret', async () => {
		const [user] = await one.db.sql<{ id: number }[]>`
			insert into users (username, display_name, role) values ('sam', 'Sam Ortiz', 'staff')
			returning id`;
		const cookie = await cookieFor(one, { userId: user.id });
		const order = (
			await createOrder(one, one.shopActor, {
				customer: { givenName: 'Olivia', familyName: 'Bennett' },
				title: 'Oval solitaire'
			})
		).card;
		const first = await collabServer(one);
		const second = await collabServer(two);
		const a = editor(first.url, order.id, 'design', cookie);
		const b = editor(second.url, order.id, 'design', cookie);
		try {
			await Promise.all([a.synced(), b.synced()]);
			a.provider.awareness.setLocalStateField('user', { color: '#2a6f97' });
			a.type('From the counter');
			b.type('From the bench');
			await until(
				() =>
					plainTextOf(a.doc) === plainTextOf(b.doc) && plainTextOf(b.doc).split('\n').length === 2,
				'the two processes to converge'
			);
			expect(plainTextOf(b.doc)).toContain('From the counter');
			// The caret from the other process, named after the session that sent it.
			await until(
				() =>
					(b.provider.awareness.getStates().get(a.doc.clientID)?.user as { name?: string })
						?.name === 'Sam Ortiz',
				'the caret from the other process'
			);
			expect(first.collab.stats().connections).toBe(1);
			expect(second.collab.stats().connections).toBe(1);
		} finally {
			a.destroy();
			b.destroy();
			await first.close();
			await second.close();
		}
	});

	it('two processes compacting one note while both edit it lose no line, and a load never goes back', async () => {
		const [user] = await one.db.sql<{ id: number }[]>`
			insert into users (username, display_name, role) values ('elena', 'Elena Novak', 'bench')
			returning id`;
		const cookie = await cookieFor(one, { userId: user.id });
		const order = (
			await createOrder(one, one.shopActor, {
				customer: { givenName: 'Ruth', familyName: 'Goldberg' },
				title: 'Remount of a ruby'
			})
		).card;
		const key = { orderId: order.id, field: 'requests' as const };
		// Each process folds the stored updates into the snapshot after every three of its own.
		const first = await collabServer(one, { compactEvery: 3, releaseAfterMs: 50 });
		const second = await collabServer(two, { compactEvery: 3, releaseAfterMs: 50 });
		const a = editor(first.url, order.id, 'requests', cookie);
		const b = editor(second.url, order.id, 'requests', cookie);
		/** The note's lines as a process opening it now would load them. */
		const loadedLines = async () => {
			const doc = new Y.Doc();
			for (const update of await loadNote(one.db.sql, key)) Y.applyUpdate(doc, update);
			const lines = plainTextOf(doc).split('\n').filter(Boolean);
			doc.destroy();
			return lines;
		};
		const expected = Array.from({ length: 60 }, (_, i) => [`counter ${i}`, `bench ${i}`]).flat();
		try {
			await Promise.all([a.synced(), b.synced()]);
			let typing = true;
			// Meanwhile the note is opened again and again, four at a time: each load holds every line
			// the one before it did (a load that read the snapshot just before a compaction and the
			// updates just after it would not).
			const loader = async () => {
				let before: string[] = [];
				let count = 0;
				while (typing || count < 10) {
					const lines = await loadedLines();
					const lost = before.filter((line) => !lines.includes(line));
					if (lost.length) throw new Error(`a load lost ${lost.join(', ')}`);
					before = lines;
					count++;
				}
				return count;
			};
			const loads = Promise.all([loader(), loader(), loader(), loader()]);
			for (let i = 0; i < 60; i++) {
				a.type(`counter ${i}`);
				b.type(`bench ${i}`);
				await new Promise((resolve) => setTimeout(resolve, 5));
			}
			await until(
				() => [a, b].every((one) => plainTextOf(one.doc).split('\n').length === expected.length),
				'both editors to hold every line'
			);
			typing = false;
			console.log('loads', await loads);
			await loads;
			await until(
				async () => (await loadedLines()).length === expected.length,
				'every line to be stored'
			);
			expect((await loadedLines()).sort()).toEqual([...expected].sort());
		} finally {
			a.destroy();
			b.destroy();
			await first.close();
			await second.close();
		}
		// Both let the note go (each compacting once more): a fresh load still holds every line.
		expect((await loadedLines()).sort()).toEqual([...expected].sort());
		const [{ left }] = await one.db.sql<{ left: number }[]>`
			select count(*)::int as left from note_updates where order_id = ${order.id}`;
		expect(left).toBe(0);
	});

	it('a compaction that finds another at work on the note leaves the updates to it, waiting for nothing', async () => {
		const order = (
			await createOrder(one, one.shopActor, {
				customer: { givenName: 'Nora', familyName: 'Quinn' },
				title: 'Eternity band'
			})
		).card;
		const key = { orderId: order.id, field: 'design' as const };
		await loadNote(one.db.sql, key);
		const typed = new Y.Doc();
		typed.getText('t').insert(0, 'platinum, 2.5 mm');
		await storeUpdate(one.db.sql, key, Y.encodeStateAsUpdate(typed), one.shopActor.id);
		const stored = async () =>
			(
				await one.db.sql<{ count: number }[]>`
					select count(*)::int as count from note_updates where order_id = ${order.id}`
			)[0].count;
		// Process one is compacting (it holds the note's row); process two comes along.
		await transaction(one.db.sql, async (tx) => {
			await tx`select 1 from note_docs where order_id = ${order.id} and field = 'design' for update`;
			expect(await compactNote(two.db.sql, key, new Y.Doc())).toBe(false);
		});
		expect(await stored()).toBe(1);
		expect(await compactNote(two.db.sql, key, new Y.Doc())).toBe(true);
		expect(await stored()).toBe(0);
	});

	it("the last compaction, as a note leaves a process's memory, waits its turn and writes the words down", async () => {
		const order = (
			await createOrder(one, one.shopActor, {
				customer: { givenName: 'Nora', familyName: 'Quinn' },
				title: 'Signet ring'
			})
		).card;
		const key = { orderId: order.id, field: 'requests' as const };
		await loadNote(one.db.sql, key);
		const typed = docFromPlainText('Check the size again');
		await storeUpdate(one.db.sql, key, Y.encodeStateAsUpdate(typed), one.shopActor.id);
		// Process one holds the note's row (loading it, or compacting) while two lets the note go.
		let last: Promise<boolean> | undefined;
		await transaction(one.db.sql, async (tx) => {
			await tx`select 1 from note_docs where order_id = ${order.id} and field = 'requests' for update`;
			last = compactNote(two.db.sql, key, new Y.Doc(), { wait: true });
			await new Promise((resolve) => setTimeout(resolve, 200));
		});
		// Skipping it would leave the order's plain-text copy without the words until some later
		// compaction, which may never come.
		expect(await last).toBe(true);
		const [row] = await one.db.sql<{ customerRequests: string | null }[]>`
			select customer_requests from orders where id = ${order.id}`;
		expect(row.customerRequests).toBe('Check the size again');
	});
});
