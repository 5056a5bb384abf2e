import { randomUUID } from 'node:crypto';
import type { WebhookDelivery } from '../../webhooks';
import { requirePermission } from '../auth/roles';
import { conflict, notFound } from '../errors';
import type { Actor } from '../events';
import type { Services } from '../services';
import { readEndpoint } from './endpoints';

type Row = Omit<
	WebhookDelivery,
	'lastAttemptAt' | 'deliveredAt' | 'nextAttemptAt' | 'createdAt' | 'status'
> & {
	status: WebhookDelivery['status'];
	lastAttemptAt: Date | null;
	deliveredAt: Date | null;
	nextAttemptAt: Date;
	createdAt: Date;
};

const iso = (value: Date | null) => (value ? value.toISOString() : null);

/** An endpoint's newest deliveries, for the owner: what went, how it was answered, what waits. */
export async function listDeliveries(
	services: Services,
	actor: Actor,
	endpointId: number,
	limit = 50
): Promise<WebhookDelivery[]> {
	requirePermission(actor, 'webhooks.manage');
	const sql = services.db.sql;
	await readEndpoint(sql, endpointId);
	const rows = await sql<Row[]>`
		select d.id, d.endpoint_id, d.event_type, d.event_seq::int as event_seq, o.number as order_number,
			d.status, d.attempts, d.last_status_code, d.last_error, d.last_response, d.last_attempt_at,
			d.delivered_at, d.next_attempt_at, d.created_at
		from webhook_deliveries d
		left join order_events e on e.seq = d.event_seq
		left join orders o on o.id = e.order_id
		where d.endpoint_id = ${endpointId}
		order by d.created_at desc, d.id
		limit ${limit}`;
	return rows.map((row) => ({
		...row,
		lastAttemptAt: iso(row.lastAttemptAt),
		deliveredAt: iso(row.deliveredAt),
		// When a delivery still waiting is tried next; nothing for one that is done.
		nextAttemptAt:
			row.status === 'delivered' || row.status === 'failed' ? null : iso(row.nextAttemptAt),
		createdAt: row.createdAt.toISOString()
	}));
}

/**
 * Sends a delivery once more, now: the same id and the same body (a receiver that already has it
 * recognises it by its Webhook-Id), with a new timestamp and signature.
 */
export async function resendDelivery(
	services: Services,
	actor: Actor,
	endpointId: number,
	deliveryId: string
): Promise<void> {
	requirePermission(actor, 'webhooks.manage');
	if (!/^[0-9a-f-]{36}$/i.test(deliveryId)) throw notFound(`Delivery ${deliveryId}`);
	const [row] = await services.db.sql<{ status: string }[]>`
		select status from webhook_deliveries where id = ${deliveryId} and endpoint_id = ${endpointId}`;
	if (!row) throw notFound(`Delivery ${deliveryId}`);
	if (row.status === 'sending') throw conflict('This delivery is being sent right now');
	await services.db.sql`
		update webhook_deliveries set status = 'pending', next_attempt_at = now()
		where id = ${deliveryId} and status <> 'sending'`;
	services.webhooks?.kick();
}

/** A test ping to the endpoint, through the same worker, signing and guard as any delivery. */
export async function sendTestPing(
	services: Services,
	actor: Actor,
	endpointId: number
): Promise<{ id: string }> {
	requirePermission(actor, 'webhooks.manage');
	await readEndpoint(services.db.sql, endpointId);
	const id = randomUUID();
	await services.db.sql`
		insert into webhook_deliveries (id, endpoint_id, event_type)
		values (${id}, ${endpointId}, 'webhook.test')`;
	services.webhooks?.kick();
	return { id };
}
