import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrder } from '../../src/lib/server/orders';
import { plainTextOf } from '../../src/lib/server/notes/note-text';
import { startServices, type StartedServices } from '../../src/lib/server/start';
import { collabServer, cookieFor, editor, until } from '../helpers/collab';
import { createTestDatabase, migrationsDir } from '../helpers/services';

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
		const start = () =>
			startServices({
				url: database.url,
				migrationsDir,
				seed: 'none',
				filesDir: fs.mkdtempSync(path.join(os.tmpdir(), 'benchboard-files-'))
			});
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
});
