import type { OrderEvent, OrderEventPayload, OrderEventType } from '../events';
import type { OrderCard } from '../types';
import { maskEvent, screenEvent } from '../masking';
import { eventsQuerySchema } from '../validation';
import { requirePermission, type Role } from './auth/roles';
import type { Sql, Tx } from './db';
import { parseInput } from './errors';
import { displayLocationOf } from './auth/displays';
import { withWholeCards } from './location-events';
import { snapshot } from './transaction';
import { markDelivering, queueDeliveries, webhookTypesOf } from './webhooks/queue';

/**
 * Who is asking: a signed-in person, a wall display, an API token, or the shop's built-in actor
 * (seeds, CLI). A token's `id` is its users row, under which its changes are recorded.
 */
export interface Actor {
	id: number;
	name: string;
	role: Role | 'system';
	/** The API token behind this request (api-tokens.ts); absent for a session. */
	tokenId?: number;
}

/**
 * The locations an order was part of before a change that moved it between them (the card's
 * location fields in the payload's `before`): a screen limited to one it leaves hears that it left.
 */
function locationsBefore(payload: { before: Partial<OrderCard> | null }): number[] {
	const before = payload.before ?? {};
	return [
		before.intakeLocationId,
		before.pickupLocationId,
		before.locationId,
		before.transitToId
	].filter((id): id is number => typeof id === 'number');
}

/**
 * The other orders a move gave new keys (a column laid out anew): their locations' screens sort
 * on those keys, so the event is filed under their locations too.
 */
function rekeyedIds(payload: { rekeyed?: { id: number }[] }): number[] {
	return (payload.rekeyed ?? []).map(({ id }) => id);
}

/**
 * Appends the one event of a command, inside its transaction. The counter row's update holds a
 * row lock until commit, so a later seq can never commit before an earlier one.
 */
export async function appendEvent<T extends OrderEventType>(
	tx: Tx,
	subject: number | { customerId: number },
	type: T,
	actor: Actor,
	payload: OrderEventPayload<T>
): Promise<OrderEvent<T>> {
	const orderId = typeof subject === 'number' ? subject : null;
	const customerId = typeof subject === 'number' ? null : subject.customerId;
	// Taking the next seq locks the counter row until commit: appends are one at a time. The insert
	// goes in the same round trip but is a statement of its own, so it runs once the lock is held
	// and sees every event committed before (the last link of this chain among them); it reads its
	// seq from the counter row this transaction has just written.
	const json = tx.json(payload as never);
	// The webhooks that want this event get their deliveries in this same transaction, in the same
	// round trip, after the event's insert (so the counter's seq is this event's).
	const hooks = orderId !== null ? webhookTypesOf(type, payload) : [];
	const [, , [{ seq, createdAt, locationIds }], deliveries] = await Promise.all([
		tx`update event_counter set last_seq = last_seq + 1`.execute(),
		// The insert's plan is the same for every event, but PostgreSQL would plan it anew for each
		// (half a millisecond, more than running it): a generic plan for it alone, set back after.
		tx`set local plan_cache_mode = force_generic_plan`.execute(),
		tx<{ seq: number; createdAt: Date; locationIds: number[] }[]>`
			with previous as (
				select hash from order_events
				where ${orderId !== null ? tx`order_id = ${orderId}` : tx`customer_id = ${customerId}`}
				order by seq desc limit 1
			), next as (select last_seq as seq from event_counter)
			insert into order_events (seq, order_id, customer_id, type, actor_id, payload, created_at, prev_hash, hash,
				location_ids)
			select next.seq, ${orderId}, ${customerId}, ${type}, ${actor.id}, ${json}, now(),
				(select hash from previous),
				order_event_hash((select hash from previous), next.seq, ${orderId}, ${customerId}, ${type},
					${actor.id}, ${json}, now()),
				array(
					select distinct place from orders o
					left join transfers t on t.order_id = o.id and t.received_at is null,
					unnest(array[o.intake_location_id, o.pickup_location_id, o.location_id, t.to_location_id]
						|| ${locationsBefore(payload)}::int[]) place
					where place is not null and ${
						orderId !== null
							? tx`o.id = any(${[orderId, ...rekeyedIds(payload)]}::int[])`
							: tx`o.customer_id = ${customerId} and o.order_key is not null`
					}
					order by place)
			from next
			returning seq, created_at, location_ids`.execute(),
		hooks.length ? queueDeliveries(tx, hooks) : null,
		tx`set local plan_cache_mode = default`.execute()
	]);
	const event = {
		seq,
		orderId,
		customerId,
		type,
		actor: { id: actor.id, name: actor.name },
		at: createdAt.toISOString(),
		payload,
		locationIds
	} as OrderEvent<T>;
	if (deliveries?.count) markDelivering(event);
	return event;
}

export interface EventsPage {
	events: OrderEvent[];
	/** The newest seq committed: a client at `lastSeq` has seen everything. */
	lastSeq: number;
	/**
	 * For a screen limited to one location, which is sent only that location's events: how far the
	 * page has read the log (the last event's seq when the page is full, else `lastSeq`).
	 */
	through?: number;
}

/** Exactly the events after `after`, in seq order, at most `limit`, and the newest seq. */
export async function eventsAfter(sql: Sql, after: number, limit: number): Promise<EventsPage> {
	return snapshot(sql, async (tx) => {
		const events = await logAfter(tx, after, limit);
		const [{ lastSeq }] = await tx<{ lastSeq: number }[]>`select last_seq from event_counter`;
		return { lastSeq, events };
	});
}

/**
 * Exactly the events after `after`, in seq order, at most `limit`: one statement, so one snapshot
 * and, outside a transaction, one round trip (the bus reads the log this way after each event
 * another process commits). Seqs commit in order (`appendEvent`), so what it sees has no hole.
 */
export async function logAfter(
	q: Sql | Tx,
	after: number,
	limit: number,
	locationId: number | null = null
): Promise<OrderEvent[]> {
	const rows = await q<
		{
			seq: number;
			orderId: number | null;
			customerId: number | null;
			type: OrderEventType;
			actorId: number;
			actorName: string;
			createdAt: Date;
			payload: OrderEventPayload;
			locationIds: number[] | null;
		}[]
	>`
		select e.seq, e.order_id, e.customer_id, e.type, e.actor_id, u.display_name as actor_name, e.created_at, e.payload,
			e.location_ids
		from order_events e
		join users u on u.id = e.actor_id
		where e.seq > ${after}${
			locationId === null ? q`` : q` and e.location_ids @> array[${locationId}::int]`
		}
		order by e.seq
		limit ${limit}`;
	// The log's rows were written by `appendEvent`, each with its type's payload.
	return rows.map((row) => ({
		seq: row.seq,
		orderId: row.orderId,
		customerId: row.customerId,
		type: row.type,
		actor: { id: row.actorId, name: row.actorName },
		at: row.createdAt.toISOString(),
		payload: row.payload,
		locationIds: row.locationIds
	})) as OrderEvent[];
}

/**
 * The log after `input.after` as this screen may read it: staff get the card's fields only, a
 * wall display gets customers masked too (the detail never leaves the server). A display limited
 * to one location gets only that location's events, each with its `prevSeq` and, when it moved the
 * order between locations, the whole card (location-events.ts), and the page says how far it read.
 */
export async function readEvents(sql: Sql, actor: Actor, input: unknown): Promise<EventsPage> {
	requirePermission(actor, 'board.read');
	const query = parseInput(eventsQuerySchema, input);
	const locationId = await displayLocationOf(sql, actor);
	if (locationId === null) {
		const page = await eventsAfter(sql, query.after, query.limit);
		return { ...page, events: page.events.map(actor.role === 'display' ? maskEvent : screenEvent) };
	}
	return snapshot(sql, async (tx) => {
		const events = await withWholeCards(
			tx,
			await logAfter(tx, query.after, query.limit, locationId)
		);
		const [{ lastSeq }] = await tx<{ lastSeq: number }[]>`select last_seq from event_counter`;
		return {
			lastSeq,
			through: events.length === query.limit ? events[events.length - 1].seq : lastSeq,
			// Each event's location had nothing between the one before it (or `after`) and it.
			events: events.map((event, index) =>
				maskEvent({ ...event, prevSeq: index ? events[index - 1].seq : query.after })
			)
		};
	});
}
