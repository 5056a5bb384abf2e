import type { EventBus, Relayed } from './bus';
import type { Database } from './db';
import { log } from './log';

/** Where the database announces each committed event (migrations/0014_event_notify.sql). */
export const EVENTS_CHANNEL = 'benchboard_events';
/** Where processes tell each other of ended sessions and new settings. */
export const SCREENS_CHANNEL = 'benchboard_screens';
/** NOTIFY takes payloads below 8000 bytes. */
const MAX_PAYLOAD = 7900;

type Wire = Relayed & { origin: string };

/** Ended sessions in batches small enough for one notification each. */
function batches(message: Relayed): Relayed[] {
	if (message.kind !== 'ended') return [message];
	const size = 80; // a session id is 64 characters
	const out: Relayed[] = [];
	for (let i = 0; i < message.sessionIds.length; i += size) {
		out.push({ kind: 'ended', sessionIds: message.sessionIds.slice(i, i + size) });
	}
	return out;
}

/**
 * Joins this process's bus to the other processes on the same PostgreSQL server: announced commits
 * are read from the log in order, and ended sessions and screen notices go both ways. After a lost
 * connection, LISTEN starts again and the bus catches up from the log, so nothing committed
 * meanwhile is missed. An embedded database has one process: nothing to join.
 */
export async function relayBus(db: Database, bus: EventBus): Promise<() => Promise<void>> {
	if (db.mode !== 'server') return async () => {};
	let started = false;
	const events = await db.sql.listen(
		EVENTS_CHANNEL,
		(payload) => {
			const [seq, ...writer] = payload.split(' ');
			const number = Number(seq);
			if (Number.isSafeInteger(number)) bus.committed(number, writer.join(' ') === db.origin);
		},
		() => {
			// Called on every (re)connection: after the first, catch up on what committed meanwhile.
			if (started) bus.catchUp();
			started = true;
		}
	);
	const screens = await db.sql.listen(SCREENS_CHANNEL, (payload) => {
		let message: Wire;
		try {
			message = JSON.parse(payload) as Wire;
		} catch {
			return;
		}
		if (message.origin !== db.origin) bus.receive(message);
	});
	bus.relayTo((message) => {
		for (const batch of batches(message)) {
			const payload = JSON.stringify({ ...batch, origin: db.origin } satisfies Wire);
			if (payload.length > MAX_PAYLOAD) {
				log.warn({ kind: batch.kind }, 'a notice too large for the other processes was not sent');
				continue;
			}
			db.sql
				.notify(SCREENS_CHANNEL, payload)
				.catch((error) => log.error({ err: error }, 'could not tell the other processes'));
		}
	});
	return async () => {
		await events.unlisten();
		await screens.unlisten();
	};
}
