import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
	describeReport,
	verifyEventLog,
	verifyEventLogFor,
	writeCheckpoint
} from '../../src/lib/server/audit-chain';
import { auditKeyFrom } from '../../src/lib/server/audit-key';
import { randomBytes } from 'node:crypto';
import { addBlocker } from '../../src/lib/server/blockers';
import { createOrder, moveOrder, updateOrder } from '../../src/lib/server/orders';
import { updateCustomer } from '../../src/lib/server/customers';
import { startServices, type StartedServices } from '../../src/lib/server/start';
import { transaction } from '../../src/lib/server/transaction';
import { backends, migrationsDir } from '../helpers/services';

/** As a superuser could: lift the trigger, change the log, put the trigger back. */
async function tamper(services: StartedServices, change: string) {
	await transaction(services.db.sql, async (tx) => {
		await tx`alter table order_events disable trigger order_events_no_change`;
		await tx.unsafe(change);
		await tx`alter table order_events enable trigger order_events_no_change`;
	});
}

async function someHistory(services: StartedServices) {
	const actor = services.shopActor;
	const card = (
		await createOrder(services, actor, {
			customer: { givenName: 'Sofia', familyName: 'Lindqvist' },
			title: 'Reset heirloom ring into a bezel solitaire'
		})
	).card;
	const moved = (
		await moveOrder(services, actor, card.id, {
			stage: 'design',
			afterId: null,
			version: card.version
		})
	).card;
	(await updateOrder(services, actor, card.id, { version: moved.version, dueDate: '2026-12-18' }))
		.card;
	await addBlocker(services, actor, card.id, { description: 'Customer approval of the sketch' });
	await updateCustomer(services, actor, card.customerId, { ringSizes: 'US 6' });
	return card;
}

describe.each(backends)('the hash-chained event log on $name', (backend) => {
	let services: StartedServices;

	beforeAll(async () => {
		services = await backend.start();
	});
	afterAll(() => services?.stop());

	it('chains every event to the one before it in its order, and the chains hold', async () => {
		const card = await someHistory(services);
		const events = await services.db.sql<{ seq: number; prevHash: string | null; hash: string }[]>`
			select seq, prev_hash, hash from order_events where order_id = ${card.id} order by seq`;
		expect(events).toHaveLength(4);
		expect(events[0].prevHash).toBeNull();
		for (let i = 1; i < events.length; i++) expect(events[i].prevHash).toBe(events[i - 1].hash);
		const report = await verifyEventLog(services.db.sql, services.auditKey);
		expect(report).toMatchObject({ ok: true, broken: 0, firstBroken: null });
		expect(report.head?.hash).toMatch(/^[0-9a-f]{64}$/);
	});

	it('the database refuses to change or remove an event', async () => {
		await expect(services.db.sql`update order_events set type = 'order.moved'`).rejects.toThrow(
			/append-only/
		);
		await expect(services.db.sql`delete from order_events`).rejects.toThrow(/append-only/);
	});

	it('an event changed behind the trigger is found and named', async () => {
		const card = await someHistory(services);
		const [second] = await services.db.sql<{ seq: number }[]>`
			select seq from order_events where order_id = ${card.id} order by seq offset 1 limit 1`;
		await tamper(
			services,
			`update order_events set payload = jsonb_set(payload, '{after,stage}', '"casting"') where seq = ${second.seq}`
		);
		const report = await verifyEventLog(services.db.sql, services.auditKey);
		expect(report.ok).toBe(false);
		expect(report.firstBroken).toEqual({
			seq: second.seq,
			orderNumber: card.number,
			customerId: null,
			problem: 'altered'
		});
	});

	it('an event removed behind the trigger breaks the link after it', async () => {
		const fresh = await backend.start();
		try {
			const card = await someHistory(fresh);
			const seqs = (
				await fresh.db.sql<{ seq: number }[]>`
					select seq from order_events where order_id = ${card.id} order by seq`
			).map((row) => row.seq);
			await tamper(fresh, `delete from order_events where seq = ${seqs[1]}`);
			const report = await verifyEventLog(fresh.db.sql, fresh.auditKey);
			expect(report.firstBroken).toMatchObject({ seq: seqs[2], problem: 'unlinked' });
		} finally {
			await fresh.stop();
		}
	});
});

describe.each(backends)(
	'checkpoints signed with a key outside the database on $name',
	(backend) => {
		let services: StartedServices;
		beforeEach(async () => {
			services = await backend.start();
		});
		afterEach(() => services?.stop());

		/** The newest event of the order, rewritten with its hash recomputed by the database itself. */
		async function rewriteNewest(orderId: number) {
			await tamper(
				services,
				`update order_events set payload = jsonb_set(payload, '{after,dueDate}', '"2027-01-30"'),
				hash = order_event_hash(prev_hash, seq, order_id, customer_id, type, actor_id,
					jsonb_set(payload, '{after,dueDate}', '"2027-01-30"'), created_at)
			where seq = (select max(seq) from order_events where order_id = ${orderId})`
			);
		}

		it('the owner’s check signs a checkpoint; a rewrite that recomputes the hashes is found against it', async () => {
			const card = await someHistory(services);
			const owner = { ...services.shopActor, role: 'owner' as const };
			expect((await verifyEventLogFor(services, owner)).checkpoint).toBeNull();
			const report = await verifyEventLog(services.db.sql, services.auditKey);
			expect(report.ok).toBe(true);
			expect(report.checkpoint).toMatchObject({ result: 'holds', seq: report.head!.seq });

			await rewriteNewest(card.id);
			const after = await verifyEventLog(services.db.sql, services.auditKey);
			// Every chain still holds by itself: only the signed heads show the rewrite.
			expect(after.firstBroken).toBeNull();
			expect(after.ok).toBe(false);
			expect(after.checkpoint?.result).toBe('rewritten');
			expect(describeReport(after)).toMatch(/BROKEN: the heads of the chains up to seq \d+/);
			// And no new checkpoint is signed over a broken log.
			await verifyEventLogFor(services, owner);
			const [{ count }] = await services.db.sql<{ count: number }[]>`
			select count(*)::int as count from audit_checkpoints`;
			expect(count).toBe(1);
		});

		it('a checkpoint signed with another key, or a log cut short of one, is found', async () => {
			await someHistory(services);
			await writeCheckpoint({
				db: services.db,
				auditKey: auditKeyFrom(randomBytes(32), 'not ours')
			});
			expect((await verifyEventLog(services.db.sql, services.auditKey)).checkpoint?.result).toBe(
				'forged'
			);
			await writeCheckpoint(services, services.shopActor.id);
			await tamper(
				services,
				'delete from order_events where seq = (select max(seq) from order_events)'
			);
			const report = await verifyEventLog(services.db.sql, services.auditKey);
			expect(report.checkpoint?.result).toBe('cut');
			expect(describeReport(report)).toMatch(/the newest events were removed/);
		});

		it('the server signs on its own only when the log has grown', async () => {
			expect(await writeCheckpoint(services)).toBeNull(); // nothing to sign yet
			await someHistory(services);
			expect(await writeCheckpoint(services)).not.toBeNull();
			expect(await writeCheckpoint(services)).toBeNull();
			await expect(services.db.sql`delete from audit_checkpoints`).rejects.toThrow(/append-only/);
		});
	}
);

describe('npm run audit:verify', () => {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'benchboard-audit-'));
	afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

	const verify = () =>
		spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/audit-verify.ts'], {
			env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
			encoding: 'utf8'
		});

	it('says the log holds, then names the first broken link after a superuser edits one', async () => {
		let services = await startServices({ dataDir, migrationsDir, seed: 'none' });
		const card = await someHistory(services);
		await services.stop();
		const good = verify();
		expect(good.status, good.stderr).toBe(0);
		expect(good.stdout).toMatch(/The event log holds: 6 events/);

		services = await startServices({ dataDir, migrationsDir, seed: 'none' });
		const [first] = await services.db.sql<{ seq: number }[]>`
			select seq from order_events where order_id = ${card.id} order by seq limit 1`;
		await tamper(services, `update order_events set payload = '{}' where seq = ${first.seq}`);
		await services.stop();
		const bad = verify();
		expect(bad.status).toBe(1);
		expect(bad.stderr).toMatch(
			new RegExp(`First broken link: seq ${first.seq} of order ${card.number}`)
		);
	}, 60_000);
});
