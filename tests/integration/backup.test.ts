import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAttachment } from '../../src/lib/server/attachments';
import { verifyEventLog, writeCheckpoint } from '../../src/lib/server/audit-chain';
import { auditKeyFrom } from '../../src/lib/server/audit-key';
import { restoreBackup } from '../../src/lib/server/backup/restore';
import { tablesInOrder } from '../../src/lib/server/backup/tables';
import { storedFiles, writeBackup } from '../../src/lib/server/backup/write';
import { checkInItem } from '../../src/lib/server/custody';
import { openDatabase, type Sql } from '../../src/lib/server/db';
import { loadNote, storeUpdate } from '../../src/lib/server/notes/note-store';
import { createOrder, moveOrder } from '../../src/lib/server/orders';
import type { StartedServices } from '../../src/lib/server/start';
import { sendMessage } from '../../src/lib/server/updates/outbox';
import { backends, createTestDatabase, migrationsDir } from '../helpers/services';

const body = (bytes: Uint8Array) => new Response(bytes as Uint8Array<ArrayBuffer>).body;

/** Every row of every table, as PostgreSQL writes it: what a restore must give back exactly. */
async function everyRow(sql: Sql) {
	const rows: Record<string, string[]> = {};
	for (const table of await tablesInOrder(sql))
		rows[table.name] = (
			await sql<{ row: string }[]>`select to_jsonb(t)::text as row from ${sql(table.name)} t`
		)
			.map((one) => one.row)
			.sort();
	return rows;
}

describe.each(backends)('backup and restore on $name', (backend) => {
	let services: StartedServices;
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'benchboard-backup-'));
	const keyFile = path.join(work, 'source-audit.key');
	const key = auditKeyFrom(Buffer.alloc(32, 7), keyFile);

	beforeAll(async () => {
		fs.writeFileSync(keyFile, `${key.key.toString('hex')}\n`);
		services = await backend.start({ auditKey: key });
		const actor = services.shopActor;
		const card = (
			await createOrder(services, actor, {
				customer: { givenName: 'Maeve', familyName: 'Donnelly', email: 'maeve@example.com' },
				title: "Reset of her grandmother's sapphire",
				quotedPriceCents: 185_000
			})
		).card;
		(
			await moveOrder(services, actor, card.id, {
				stage: 'design',
				afterId: null,
				version: card.version
			})
		).card;
		const photo = await sharp({
			create: { width: 800, height: 600, channels: 3, background: '#1f3a34' }
		})
			.jpeg()
			.toBuffer();
		await addAttachment(services, actor, card.id, body(photo), { kind: 'design' });
		await checkInItem(services, actor, card.id, {
			kind: 'stone',
			description: 'Oval sapphire, about 2 ct',
			weight: 0.4,
			weightUnit: 'g',
			declaredValueCents: 250_000,
			to: { kind: 'place', place: 'Safe' }
		});
		const doc = new Y.Doc();
		doc.getXmlFragment('designNotes').insert(0, [new Y.XmlText('Halo of 18 diamonds')]);
		await loadNote(services.db.sql, { orderId: card.id, field: 'design' });
		await storeUpdate(
			services.db.sql,
			{ orderId: card.id, field: 'design' },
			Y.encodeStateAsUpdate(doc),
			actor.id
		);
		await sendMessage(services, actor, card.id, {
			kind: 'message',
			message: 'Your sketch is ready'
		});
		await writeCheckpoint(services, actor.id);
	});
	afterAll(async () => {
		await services?.stop();
		fs.rmSync(work, { recursive: true, force: true });
	});

	it('one archive holds every row, file and the key; a restore elsewhere gives them all back', async () => {
		const archive = path.join(work, 'backups', 'benchboard.tar.gz');
		const { manifest, sha256 } = await writeBackup(
			{
				sql: services.db.sql,
				database: services.db.mode,
				filesDir: services.files.dir,
				auditKeyFile: keyFile,
				app: '0.1.0'
			},
			archive
		);
		expect(fs.readFileSync(`${archive}.sha256`, 'utf8')).toBe(`${sha256}  benchboard.tar.gz\n`);
		expect(manifest.auditKey).toBe(true);
		expect(manifest.files.filter((file) => file.name.startsWith('files/'))).toHaveLength(2);
		const rows = (name: string) => manifest.tables.find((table) => table.name === name)?.rows;
		expect(rows('orders')).toBe(1);
		expect(rows('note_updates')).toBe(1);
		expect(rows('custody_handoffs')).toBeGreaterThan(0);
		expect(rows('notifications')).toBe(1);

		// Into an empty embedded data folder: a shop moving off its PostgreSQL server, or the other way.
		const dataDir = path.join(work, 'restored');
		const filesDir = path.join(dataDir, 'files');
		const auditKeyFile = path.join(dataDir, 'audit.key');
		await restoreBackup(archive, { dataDir, migrationsDir, filesDir, auditKeyFile });
		const restored = await openDatabase({ dataDir });
		try {
			// The values kept beside the log (migrations/0021) come back as they were, not worked out
			// again: a restored shop's charts read the same numbers.
			const kept = (sql: Sql) => sql`
				select (select json_agg(v order by entered_seq) from stage_visits v) as visits,
					(select count(*)::int from stage_visits where days is not null) as closed`;
			const [keptHere] = await kept(services.db.sql);
			expect(keptHere.closed).toBeGreaterThan(0);
			expect(await kept(restored.sql)).toEqual([keptHere]);
			expect(await everyRow(restored.sql)).toEqual(await everyRow(services.db.sql));
			expect(storedFiles(filesDir)).toEqual(storedFiles(services.files.dir));
			for (const name of storedFiles(services.files.dir))
				expect(fs.readFileSync(path.join(filesDir, name))).toEqual(
					fs.readFileSync(path.join(services.files.dir, name))
				);
			const restoredKey = auditKeyFrom(
				Buffer.from(fs.readFileSync(auditKeyFile, 'utf8').trim(), 'hex'),
				auditKeyFile
			);
			const report = await verifyEventLog(restored.sql, restoredKey);
			expect(report.ok).toBe(true);
			expect(report.checkpoint?.result).toBe('holds');
			// The restore loaded rows with our triggers off (the stage visits came with the archive,
			// not again from its events), and gave each trigger back the mode it had.
			const triggers = (sql: Sql) => sql`
				select c.relname, t.tgname, t.tgenabled from pg_trigger t join pg_class c on c.oid = t.tgrelid
				where not t.tgisinternal order by c.relname, t.tgname`;
			expect(await triggers(restored.sql)).toEqual(await triggers(services.db.sql));
			// New rows continue after the restored ones.
			const [{ id }] = await restored.sql<{ id: number }[]>`
				insert into vendors (name, kind) values ('Casting house', 'casting') returning id`;
			expect(id).toBeGreaterThan(0);
		} finally {
			await restored.close();
		}

		// A folder that already has a shop is refused, and left as it was.
		await expect(
			restoreBackup(archive, { dataDir, migrationsDir, filesDir, auditKeyFile })
		).rejects.toThrow(/already has data.*--force/);
		const again = await openDatabase({ dataDir });
		const [{ count }] = await again.sql<
			{ count: number }[]
		>`select count(*)::int as count from vendors`;
		await again.close();
		expect(count).toBe(1);

		// A damaged archive is refused before anything is touched.
		const damaged = path.join(work, 'damaged.tar.gz');
		const bytes = fs.readFileSync(archive);
		bytes[bytes.length - 20] ^= 0xff;
		fs.writeFileSync(damaged, bytes);
		fs.copyFileSync(`${archive}.sha256`, `${damaged}.sha256`);
		await expect(
			restoreBackup(damaged, {
				dataDir: path.join(work, 'never'),
				migrationsDir,
				filesDir: path.join(work, 'never', 'files'),
				auditKeyFile: null
			})
		).rejects.toThrow(/does not match its checksum/);
		expect(fs.existsSync(path.join(work, 'never', 'pgdata'))).toBe(false);
	});

	if (!process.env.TEST_DATABASE_URL) return;
	it('restores into an empty PostgreSQL server database too', async () => {
		const archive = path.join(work, 'to-server.tar.gz');
		await writeBackup(
			{
				sql: services.db.sql,
				database: services.db.mode,
				filesDir: services.files.dir,
				auditKeyFile: null,
				app: '0.1.0'
			},
			archive
		);
		const database = await createTestDatabase(process.env.TEST_DATABASE_URL!);
		try {
			await restoreBackup(archive, {
				url: database.url,
				migrationsDir,
				filesDir: path.join(work, 'server-files'),
				auditKeyFile: null
			});
			const restored = await openDatabase({ url: database.url });
			try {
				expect(await everyRow(restored.sql)).toEqual(await everyRow(services.db.sql));
				expect((await verifyEventLog(restored.sql, key)).ok).toBe(true);
			} finally {
				await restored.close();
			}
		} finally {
			await database.drop();
		}
	});
});
