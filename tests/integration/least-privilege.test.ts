import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditKeyFrom } from '../../src/lib/server/audit-key';
import { createOrder, moveOrder } from '../../src/lib/server/orders';
import { startServices, type StartedServices } from '../../src/lib/server/start';
import { createTestDatabase, migrationsDir } from '../helpers/services';

const adminUrl = process.env.TEST_DATABASE_URL;

/**
 * On a PostgreSQL server the app can run as a role that owns no table (scripts/app-role.sql): it
 * works as usual, and cannot lift the triggers that keep the history append-only.
 */
describe.skipIf(!adminUrl)('the app as a least-privilege role', () => {
	const role = `benchboard_app_${process.pid}_${randomBytes(3).toString('hex')}`;
	let database: Awaited<ReturnType<typeof createTestDatabase>>;
	let owner: postgres.Sql;
	let app: StartedServices;
	const auditKey = auditKeyFrom(randomBytes(32), 'this test');

	beforeAll(async () => {
		database = await createTestDatabase(adminUrl!);
		// Migrations run as the owner.
		const migrated = await startServices({
			url: database.url,
			migrationsDir,
			seed: 'none',
			auditKey
		});
		await migrated.stop();
		owner = postgres(database.url, { max: 1, onnotice: () => {} });
		await owner.unsafe(`create role ${role} login`);
		const grants = fs
			.readFileSync('scripts/app-role.sql', 'utf8')
			.replace(/^--.*$/gm, '')
			.replaceAll(':"app_role"', role);
		await owner.unsafe(grants);
		const url = new URL(database.url);
		url.username = role;
		app = await startServices({ url: url.toString(), migrationsDir, seed: 'none', auditKey });
	});
	afterAll(async () => {
		await app?.stop();
		await owner?.end();
		await database?.drop();
		const admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
		await admin.unsafe(`drop role if exists ${role}`);
		await admin.end();
	});

	it('takes in and moves orders as usual', async () => {
		const card = (
			await createOrder(app, app.shopActor, {
				customer: { givenName: 'Hannah', familyName: 'Okafor' },
				title: 'Oval solitaire, 14k yellow gold'
			})
		).card;
		const moved = (
			await moveOrder(app, app.shopActor, card.id, {
				stage: 'design',
				afterId: null,
				version: card.version
			})
		).card;
		expect(moved.version).toBe(2);
	});

	it.each([
		['alter table order_events disable trigger order_events_no_change', /must be owner/],
		['alter table audit_checkpoints disable trigger all', /must be owner/],
		['update order_events set payload = payload', /permission denied/],
		['delete from order_events', /permission denied/],
		['truncate custody_handoffs', /permission denied/],
		['delete from audit_checkpoints', /permission denied/],
		["update users set role = 'owner' where false", null]
	])('%s', async (statement, refusal) => {
		const attempt = app.db.sql.unsafe(statement);
		if (refusal) await expect(attempt).rejects.toThrow(refusal);
		else await expect(attempt).resolves.toBeDefined();
	});
});
