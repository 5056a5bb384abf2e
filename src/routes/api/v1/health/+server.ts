import { methodNotAllowed, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	respond(event, async () => {
		const { db } = event.locals.services;
		const [{ lastSeq }] = await db.sql<{ lastSeq: number }[]>`select last_seq from event_counter`;
		return { ok: true, database: db.mode, seq: lastSeq };
	});

export const fallback: RequestHandler = methodNotAllowed;
