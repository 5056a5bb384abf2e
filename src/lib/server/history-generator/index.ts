import type { Sql } from '../db';
import type { Actor } from '../events';
import { DEMO_VENDORS } from '../seed-data';
import { readSettings } from '../settings';
import { createVendor } from '../vendors';
import { planHistory, type Hand, type PlannedOrder } from './plan';
import { writeHistoryBatch, type HistoryCast } from './write';

export interface GenerateOptions {
	/** How many past orders to plan (those not finished by now are left out unless `keepOpen`). */
	orders: number;
	seed?: number;
	now?: Date;
	keepOpen?: boolean;
	/** Orders written per transaction (each a few statements). */
	batch?: number;
	/** Told after each batch: how many orders and events are written so far. */
	progress?: (written: { orders: number; events: number }) => void;
}

/** A year of plausible past work, written into the real tables and the log; the same for one seed. */
export async function generateHistory(
	sql: Sql,
	actor: Actor,
	options: GenerateOptions
): Promise<{ orders: number; events: number }> {
	const { timeZone } = await readSettings(sql);
	const plans = planHistory({
		orders: options.orders,
		seed: options.seed ?? 21,
		now: options.now ?? new Date(),
		timeZone,
		keepOpen: options.keepOpen ?? false
	});
	const cast = await castFor(sql, actor);
	const customers = new Map<number, { id: number; name: string }>();
	const batch = options.batch ?? 2000;
	const written = { orders: 0, events: 0 };
	for (let start = 0; start < plans.length; start += batch) {
		const done = await writeHistoryBatch(
			sql,
			plans.slice(start, start + batch),
			start,
			cast,
			customers
		);
		written.orders += done.orders;
		written.events += done.events;
		options.progress?.(written);
	}
	return written;
}

/** The shop's people by what they do (the shop itself when nobody does it) and a vendor per kind. */
export async function castFor(sql: Sql, actor: Actor): Promise<HistoryCast> {
	const people = await sql<{ id: number; name: string; role: string }[]>`
		select id, display_name as name, role from users
		where role in ('owner', 'manager', 'staff', 'bench') and disabled_at is null order by id`;
	const withRole = (...roles: string[]) => {
		const found = people.filter((person) => roles.includes(person.role));
		return found.length ? found : [{ id: actor.id, name: actor.name }];
	};
	const hands: Record<Hand, { id: number; name: string }[]> = {
		counter: withRole('staff', 'owner'),
		bench: withRole('bench', 'staff'),
		manager: withRole('manager', 'owner')
	};
	const vendors = {} as HistoryCast['vendors'];
	for (const kind of ['casting', 'stones', 'engraving', 'plating'] as const) {
		const [found] = await sql<{ id: number }[]>`
			select id from vendors where kind = ${kind} order by id limit 1`;
		vendors[kind] =
			found?.id ??
			(
				await createVendor(
					sql,
					actor,
					DEMO_VENDORS.find((v) => v.kind === kind)!
				)
			).id;
	}
	return { hands, vendors };
}

export type { PlannedOrder };
