import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/lib/server/events';
import { createOrder, getOrder, moveOrder } from '../../src/lib/server/orders';
import { pickUpOrder } from '../../src/lib/server/release';
import { undoChange } from '../../src/lib/server/undo';
import { completedVisits, dwellSamples } from '../../src/lib/server/insights/stage-visits';
import type { StartedServices } from '../../src/lib/server/start';
import { openDatabase } from '../../src/lib/server/db';
import { migrate } from '../../src/lib/server/migrate';
import { backends, migrationsDir } from '../helpers/services';

interface VisitRow {
	stage: string;
	enteredSeq: number;
	leftSeq: number | null;
	enteredAt: Date;
	leftAt: Date | null;
}

describe.each(backends)('stage visits kept from the log on $name', (backend) => {
	let services: StartedServices;
	let morgan: Actor;

	beforeAll(async () => {
		services = await backend.start();
		const [user] = await services.db.sql<{ id: number }[]>`
			insert into users (username, display_name, role) values ('morgan', 'Morgan Lee', 'manager')
			returning id`;
		morgan = { id: user.id, name: 'Morgan Lee', role: 'manager' };
	});
	afterAll(() => services?.stop());

	const visits = (orderId: number) => services.db.sql<VisitRow[]>`
		select stage, entered_seq::int, left_seq::int, entered_at, left_at from stage_visits
		where order_id = ${orderId} order by entered_seq`;
	const stageEvents = (orderId: number) => services.db.sql<{ seq: number; createdAt: Date }[]>`
		select seq::int, created_at from order_events
		where order_id = ${orderId} and type in ('order.created', 'order.moved', 'order.picked_up')
		order by seq`;

	it('opens a visit per stage entered, a new one for a move back, none for an undone move, and one for the pick-up', async () => {
		const created = await createOrder(services, morgan, {
			customer: { givenName: 'Ines', familyName: 'Moreau', phone: '555-0199' },
			title: 'Oval solitaire in 14k yellow gold',
			pieceType: 'engagement_ring'
		});
		const id = created.card.id;
		const version = async () => (await getOrder(services.db.sql, morgan, id)).version;
		const move = async (stage: 'design' | 'casting' | 'setting' | 'ready') =>
			moveOrder(services, morgan, id, { stage, afterId: null, version: await version() });

		await move('design');
		await move('casting');
		await move('design'); // rework: back to design
		await move('casting');
		await move('setting');
		const [{ seq: mistake }] = await services.db.sql<{ seq: number }[]>`
			select max(seq)::int as seq from order_events where order_id = ${id}`;
		await undoChange(services, morgan, id, { seq: mistake }); // setting was a slip: back in casting
		await move('ready');
		await pickUpOrder(services, morgan, id, { version: await version(), returnedItemIds: [] });

		const events = await stageEvents(id);
		// created, design, casting, design, casting, setting (undone), undo, ready, picked up
		expect(events).toHaveLength(9);
		const [c, d1, c1, d2, c2, , undo, ready, pickup] = events;
		expect(undo.seq).toBeGreaterThan(mistake);
		expect(await visits(id)).toEqual([
			{
				stage: 'intake',
				enteredSeq: c.seq,
				leftSeq: d1.seq,
				enteredAt: c.createdAt,
				leftAt: d1.createdAt
			},
			{
				stage: 'design',
				enteredSeq: d1.seq,
				leftSeq: c1.seq,
				enteredAt: d1.createdAt,
				leftAt: c1.createdAt
			},
			{
				stage: 'casting',
				enteredSeq: c1.seq,
				leftSeq: d2.seq,
				enteredAt: c1.createdAt,
				leftAt: d2.createdAt
			},
			{
				stage: 'design',
				enteredSeq: d2.seq,
				leftSeq: c2.seq,
				enteredAt: d2.createdAt,
				leftAt: c2.createdAt
			},
			// The undone move to setting left no visit: casting ran on until the move to ready.
			{
				stage: 'casting',
				enteredSeq: c2.seq,
				leftSeq: ready.seq,
				enteredAt: c2.createdAt,
				leftAt: ready.createdAt
			},
			{
				stage: 'ready',
				enteredSeq: ready.seq,
				leftSeq: pickup.seq,
				enteredAt: ready.createdAt,
				leftAt: pickup.createdAt
			},
			{
				stage: 'picked_up',
				enteredSeq: pickup.seq,
				leftSeq: null,
				enteredAt: pickup.createdAt,
				leftAt: null
			}
		]);

		const completed = (await completedVisits(services.db.sql)).filter((v) => v.orderId === id);
		expect(completed.map((v) => v.stage)).toEqual([
			'intake',
			'design',
			'casting',
			'design',
			'casting',
			'ready'
		]);
		expect(completed.every((v) => v.pieceType === 'engagement_ring')).toBe(true);
		const samples = await dwellSamples(services.db.sql);
		expect(samples.get('engagement_ring')?.get('design')).toHaveLength(2);
		expect(samples.get('engagement_ring')?.get('casting')).toHaveLength(2);
		expect(samples.get('engagement_ring')?.has('picked_up')).toBe(false);
		const future = new Date(Date.now() + 60_000);
		expect((await completedVisits(services.db.sql, { since: future })).length).toBe(0);
	});

	it('a move within a stage opens no visit', async () => {
		const first = await createOrder(services, morgan, {
			customer: { givenName: 'Ada', familyName: 'Brooks', phone: '555-0142' },
			title: 'Plain band'
		});
		const second = await createOrder(services, morgan, {
			customer: { givenName: 'Ben', familyName: 'Okafor', phone: '555-0143' },
			title: 'Plain band'
		});
		// Reordering intake: the first goes after the second.
		await moveOrder(services, morgan, first.card.id, {
			stage: 'intake',
			afterId: second.card.id,
			version: (await getOrder(services.db.sql, morgan, first.card.id)).version
		});
		const rows = await visits(first.card.id);
		expect(rows.map((row) => [row.stage, row.leftSeq])).toEqual([['intake', null]]);
	});
});

describe('the 0018 migration', () => {
	it('back-fills the visits of the log written before it, undo included', async () => {
		const all = fs.readdirSync(migrationsDir).filter((name) => name.endsWith('.sql'));
		const upTo = fs.mkdtempSync(path.join(os.tmpdir(), 'benchboard-migrations-'));
		for (const name of all.filter((name) => name < '0018'))
			fs.copyFileSync(path.join(migrationsDir, name), path.join(upTo, name));
		const db = await openDatabase({ dataDir: 'memory://' });
		try {
			await migrate(db.sql, upTo);
			const [customer] = await db.sql<{ id: number }[]>`
				insert into customers (given_name, family_name) values ('Ada', 'Quinn') returning id`;
			const [order] = await db.sql<{ id: number }[]>`
				insert into orders (customer_id, title, stage, order_key, status_token, status_token_hash)
				values (${customer.id}, 'Ring', 'design', 'a0', 't', 'h') returning id`;
			const moves: [string | null, string, number?][] = [
				[null, 'intake'],
				['intake', 'design'],
				['design', 'casting'],
				['casting', 'design'], // a move back
				['design', 'casting'],
				['casting', 'design', 5] // the undo of the move before
			];
			for (const [index, [before, after, undoOf]] of moves.entries()) {
				const seq = index + 1;
				const payload = {
					before: before === null ? null : { stage: before },
					after: { stage: after },
					...(undoOf ? { undoOf } : {})
				};
				const at = new Date(Date.UTC(2026, 0, 1 + index));
				await db.sql`
					insert into order_events (seq, order_id, type, actor_id, payload, created_at, hash)
					values (${seq}, ${order.id}, ${index === 0 ? 'order.created' : 'order.moved'}, 1,
						${db.sql.json(payload)}, ${at}, 'x')`;
			}
			await migrate(db.sql, migrationsDir);
			const rows = await db.sql<{ stage: string; enteredSeq: number; leftSeq: number | null }[]>`
				select stage, entered_seq::int, left_seq::int from stage_visits order by entered_seq`;
			expect(rows).toEqual([
				{ stage: 'intake', enteredSeq: 1, leftSeq: 2 },
				{ stage: 'design', enteredSeq: 2, leftSeq: 3 },
				{ stage: 'casting', enteredSeq: 3, leftSeq: 4 },
				{ stage: 'design', enteredSeq: 4, leftSeq: null }
			]);
		} finally {
			await db.close();
		}
	});
});
