import fs from 'node:fs';
import type { Services } from './services';

export interface Health {
	ok: boolean;
	database: 'embedded' | 'server';
	/** The newest event: a screen that is behind it has not caught up. */
	seq: number;
	/** Customer messages waiting to go out, and those that are failing (retried) or failed. */
	outbox: { queued: number; retrying: number; failed: number };
	/** Open sockets on this process. */
	screens: { board: number; display: number };
	/** What is running: the package version and when it was built. */
	build: { version: string; builtAt: string | null };
}

/** Read once, from the app's folder (npm runs it there): the build does not change under a process. */
export const build = (() => {
	const read = (file: string) => {
		try {
			return fs.readFileSync(file, 'utf8').trim();
		} catch {
			return null;
		}
	};
	const pkg = read('package.json');
	return {
		version: pkg ? (JSON.parse(pkg) as { version: string }).version : 'unknown',
		builtAt: read('build-server/.stamp')
	};
})();

/**
 * For a monitor (and a person) to see at a glance whether the shop's server is well. Counts only:
 * nothing of a customer's, since anyone may ask.
 */
export async function readHealth(services: Services): Promise<Health> {
	const { db } = services;
	const [[{ lastSeq }], [outbox]] = await Promise.all([
		db.sql<{ lastSeq: number }[]>`select last_seq from event_counter`,
		db.sql<Health['outbox'][]>`
			select count(*) filter (where status in ('queued', 'sending') and attempts = 0)::int as queued,
				count(*) filter (where status in ('queued', 'sending') and attempts > 0)::int as retrying,
				count(*) filter (where status = 'failed')::int as failed
			from notifications`
	]);
	return {
		ok: true,
		database: db.mode,
		seq: lastSeq,
		outbox,
		screens: services.connectedScreens(),
		build
	};
}
