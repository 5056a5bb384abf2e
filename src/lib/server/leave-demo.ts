import fs from 'node:fs';
import { requirePermission } from './auth/roles';
import type { BackupPlace } from './backup/schedule';
import { takeBackup } from './backup/schedule';
import { DomainError } from './errors';
import type { Actor } from './events';
import { log } from './log';
import type { Services } from './services';
import { readSettings } from './settings';
import { prepareSchema } from './start';
import { transaction } from './transaction';

/** What leaving the demo needs from the running server (server/index.ts provides it). */
export interface DemoExit {
	/** Where the demo's archive goes, like any backup. */
	backup: BackupPlace;
	migrationsDir: string;
	/** Stops what holds the old database in memory: notes being edited, the outbox's sends. */
	pause(): Promise<void>;
	/** Starts them again on the new database. */
	resume(): Promise<void>;
}

/**
 * "Start my shop" (Settings, owner, demo database only): the demo is kept as a backup archive,
 * then the database begins again from the migrations with no accounts and the photo folder is
 * emptied, so the next page is the setup of the shop's own name and owner. The audit key stays:
 * it signs the new log as it signed the old.
 */
export async function leaveDemo(
	services: Services,
	actor: Actor,
	exit: DemoExit | null
): Promise<{ backup: string }> {
	requirePermission(actor, 'shop.manage');
	if (!exit)
		throw new DomainError(
			409,
			'conflict',
			'Only the running server can clear the demo: see "Leaving the demo" in the README.'
		);
	if (!(await readSettings(services.db.sql)).demo)
		throw new DomainError(
			409,
			'conflict',
			"This database holds the shop's own orders, not the demo: nothing was cleared."
		);
	await exit.pause();
	try {
		const { file } = await takeBackup(exit.backup, 'demo').catch((error: Error) => {
			throw new DomainError(
				409,
				'conflict',
				`Could not keep a copy of the demo in ${exit.backup.dir} (${error.message}): nothing was cleared.`
			);
		});
		await clearDatabase(services);
		const { shopActor } = await prepareSchema(services.db, exit.migrationsDir);
		services.shopActor = shopActor;
		await fs.promises.rm(services.files.dir, { recursive: true, force: true });
		// Every process's bus, sessions and setup begin again (start.ts), and their screens reconnect.
		services.bus.announceRestart();
		log.info({ actor: actor.id, file }, 'left the demo: the demo is kept in the backup');
		return { backup: file };
	} finally {
		await exit.resume();
	}
}

async function clearDatabase(services: Services): Promise<void> {
	try {
		await transaction(services.db.sql, async (tx) => {
			await tx`drop schema public cascade`;
			await tx`create schema public`;
		});
	} catch (error) {
		// A PostgreSQL account that does not own the schema (app-role.sql's) may not do this.
		throw new DomainError(
			409,
			'conflict',
			`The database refused to clear the demo (${(error as Error).message}): on a PostgreSQL server, point DATABASE_URL at a new, empty database instead.`
		);
	}
}
