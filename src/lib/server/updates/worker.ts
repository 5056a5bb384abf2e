import type { Sql } from '../db';
import { appendEvent, type Actor } from '../events';
import type { Services } from '../services';
import { STAGE_LABELS, type Stage } from '../../stages';
import { chooseTarget, currentStatusLink, withStatusLink } from './outbox';
import { runCommand } from '../commands';
import { PollingWorker } from './polling-worker';

export interface OutboxOptions {
	/** How often the outbox is checked (it is also woken when a message is queued). */
	pollMs?: number;
	/** How long a send may take before the attempt counts as lost (a crash) and it is retried. */
	leaseMs?: number;
	/** The first retry's wait; each further one doubles it. */
	retryBaseMs?: number;
	/** Attempts before a message is marked failed. */
	maxAttempts?: number;
	/** Tests: runs after a provider accepted a message and before it is marked sent. */
	afterProviderAccepted?: (id: number) => void | Promise<void>;
}

interface Claimed {
	id: number;
	orderId: number;
	customerId: number;
	kind: string;
	subject: string;
	body: string;
	idempotencyKey: string;
	attempts: number;
	createdBy: number;
}

/**
 * Delivers the outbox, at least once: a message is claimed for a while (its lease), sent with its
 * idempotency key, then marked sent. A crash after the provider took it and before the mark leaves
 * it claimed; when the lease runs out it is sent again, with the same key. A failure is retried
 * with a growing wait, then marked failed with the reason. Each outcome is an event in the order's
 * history.
 */
export class Outbox extends PollingWorker {
	readonly #options: Required<Omit<OutboxOptions, 'afterProviderAccepted'>> &
		Pick<OutboxOptions, 'afterProviderAccepted'>;

	constructor(services: Services, options: OutboxOptions = {}) {
		super(services, options.pollMs ?? 2000, 'outbox');
		this.#options = {
			pollMs: this.pollMs,
			leaseMs: options.leaseMs ?? 2 * 60_000,
			retryBaseMs: options.retryBaseMs ?? 30_000,
			maxAttempts: options.maxAttempts ?? 5,
			afterProviderAccepted: options.afterProviderAccepted
		};
	}

	// A message a person sends is on its way as soon as it commits. A move's "ready" message waits
	// out the undo window first (a poll sends it), so a move wakes nothing.
	protected wakeOn(kick: () => void) {
		return this.services.bus.on(['notification.queued'], kick);
	}

	/**
	 * Claims one message that is due and delivers it; returns how many it claimed (0 or 1). One at a
	 * time, so a slow provider never lets the lease of a message still waiting in this process run
	 * out (another process would then send it too).
	 */
	async deliverDue(): Promise<number> {
		const sql = this.services.db.sql;
		const claimed = await sql<Claimed[]>`
			update notifications set status = 'sending', attempts = attempts + 1,
				next_attempt_at = now() + ${this.#options.leaseMs / 1000} * interval '1 second'
			where id in (
				select id from notifications
				where status in ('queued', 'sending') and next_attempt_at <= now()
				order by id limit 1
				for update skip locked
			)
			returning id, order_id, customer_id, kind, subject, body, idempotency_key, attempts, created_by`;
		for (const message of claimed) await this.#deliver(sql, message);
		return claimed.length;
	}

	async #deliver(sql: Sql, message: Claimed) {
		// A message goes only if what it says is still true: a piece that left Ready (moved back,
		// picked up) is not "ready for pickup" any more.
		const untrue = await noLongerTrue(sql, message);
		if (untrue) return this.#finish(message, 'not_sent', null, untrue);
		// Checked again now: the customer may have opted out or changed their email since.
		const target = await chooseTarget(sql, this.services.channels, message.customerId);
		if ('reason' in target) return this.#finish(message, 'not_sent', null, target.reason);
		// The status link as it is now: a new one may have been made while the message waited.
		const link = await currentStatusLink(sql, this.services.publicUrl, message.orderId);
		const words = {
			subject: withStatusLink(message.subject, link),
			body: withStatusLink(message.body, link)
		};
		try {
			await this.services.channels[target.channel]!.send({
				to: target.recipient,
				...words,
				idempotencyKey: message.idempotencyKey
			});
		} catch (error) {
			const reason = error instanceof Error ? error.message : String(error);
			if (message.attempts >= this.#options.maxAttempts) {
				return this.#finish(message, 'failed', target, reason);
			}
			const wait = this.#options.retryBaseMs * 2 ** (message.attempts - 1);
			await sql`
				update notifications set status = 'queued', channel = ${target.channel},
					recipient = ${target.recipient}, last_error = ${reason},
					next_attempt_at = now() + ${wait / 1000} * interval '1 second'
				where id = ${message.id} and status = 'sending'`;
			return;
		}
		await this.#options.afterProviderAccepted?.(message.id);
		await this.#finish(message, 'sent', target, null, words);
	}

	async #finish(
		message: Claimed,
		status: 'sent' | 'failed' | 'not_sent',
		target: { channel: 'email' | 'sms'; recipient: string } | null,
		reason: string | null,
		/** What went out, kept as it was sent. */
		sent?: { subject: string; body: string }
	) {
		await runCommand(this.services, async (tx) => {
			const [updated] = await tx`
				update notifications set status = ${status}, channel = ${target?.channel ?? null},
					recipient = ${target?.recipient ?? null}, last_error = ${reason},
					sent_at = ${status === 'sent' ? new Date() : null},
					subject = ${sent?.subject ?? message.subject}, body = ${sent?.body ?? message.body}
				where id = ${message.id} and status = 'sending'
				returning id`;
			if (!updated) return { result: undefined, event: null };
			const [user] = await tx<{ displayName: string; role: string }[]>`
				select display_name, role from users where id = ${message.createdBy}`;
			const actor: Actor = {
				id: message.createdBy,
				name: user.displayName,
				role: user.role as Actor['role']
			};
			const event = await appendEvent(tx, message.orderId, `notification.${status}`, actor, {
				before: {},
				after: {},
				detail: {
					before: null,
					after: {
						id: message.id,
						kind: message.kind,
						subject: message.subject,
						channel: target?.channel ?? null,
						recipient: target?.recipient ?? null,
						reason
					}
				}
			});
			return { result: undefined, event };
		});
	}
}

/** Why a message waiting in the outbox no longer says something true, or null. */
async function noLongerTrue(sql: Sql, message: Claimed): Promise<string | null> {
	if (message.kind !== 'ready') return null;
	const [order] = await sql<
		{ stage: Stage }[]
	>`select stage from orders where id = ${message.orderId}`;
	if (order.stage === 'ready') return null;
	return order.stage === 'picked_up'
		? 'the piece was picked up before the message went out'
		: `the order left Ready for pickup (now ${STAGE_LABELS[order.stage]}) before the message went out`;
}
