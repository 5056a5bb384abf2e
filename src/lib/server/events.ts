import type { OrderEvent, OrderEventPayload, OrderEventType } from '../types';
import type { Role } from './auth/roles';
import type { Sql, Tx } from './db';

/** Who is asking: a signed-in person, a wall display, or the shop's built-in actor (seeds, CLI). */
export interface Actor {
	id: number;
	name: string;
	role: Role | 'system';
}

/**
 * Appends the one event of a command, inside its transaction. The counter row's update holds a
 * row lock until commit, so a later seq can never commit before an earlier one.
 */
export async function appendEvent(
	tx: Tx,
	subject: number | { customerId: number },
	type: OrderEventType,
	actor: Actor,
	payload: OrderEventPayload
): Promise<OrderEvent> {
	const orderId = typeof subject === 'number' ? subject : null;
	const customerId = typeof subject === 'number' ? null : subject.customerId;
	const [{ seq, createdAt }] = await tx<{ seq: number; createdAt: Date }[]>`
		with next as (update event_counter set last_seq = last_seq + 1 returning last_seq)
		insert into order_events (seq, order_id, customer_id, type, actor_id, payload)
		select last_seq, ${orderId}, ${customerId}, ${type}, ${actor.id}, ${tx.json(payload as never)}
		from next
		returning seq, created_at`;
	return {
		seq,
		orderId,
		customerId,
		type,
		actor: { id: actor.id, name: actor.name },
		at: createdAt.toISOString(),
		payload
	};
}

export interface EventsPage {
	events: OrderEvent[];
	/** The newest seq committed: a client at `lastSeq` has seen everything. */
	lastSeq: number;
}

/** Exactly the events after `after`, in seq order, at most `limit`. */
export async function eventsAfter(sql: Sql, after: number, limit: number): Promise<EventsPage> {
	return sql.begin('isolation level repeatable read read only', async (tx) => {
		const rows = await tx<
			{
				seq: number;
				orderId: number | null;
				customerId: number | null;
				type: OrderEventType;
				actorId: number;
				actorName: string;
				createdAt: Date;
				payload: OrderEventPayload;
			}[]
		>`
			select e.seq, e.order_id, e.customer_id, e.type, e.actor_id, u.display_name as actor_name, e.created_at, e.payload
			from order_events e
			join users u on u.id = e.actor_id
			where e.seq > ${after}
			order by e.seq
			limit ${limit}`;
		const [{ lastSeq }] = await tx<{ lastSeq: number }[]>`select last_seq from event_counter`;
		return {
			lastSeq,
			events: rows.map((row) => ({
				seq: row.seq,
				orderId: row.orderId,
				customerId: row.customerId,
				type: row.type,
				actor: { id: row.actorId, name: row.actorName },
				at: row.createdAt.toISOString(),
				payload: row.payload
			}))
		};
	});
}
