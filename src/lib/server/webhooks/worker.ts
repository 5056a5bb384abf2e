import type { WebhookRole } from '../../webhooks';
import type { Services } from '../services';
import { log } from '../log';
import { PollingWorker } from '../updates/polling-worker';
import { checkedAddress, systemResolver, type Resolver } from './addresses';
import { pingBody, webhookBody } from './payload';
import { bringsDeliveries } from './queue';
import { postJson } from './send';
import { SIGNATURE_HEADER, signatureHeader } from './sign';

export interface WebhookWorkerOptions {
	/** How often the deliveries are checked (also woken by each event that wrote some). */
	pollMs?: number;
	/** How long a claim lasts: after it, a delivery still "sending" (a crash) is tried again. */
	leaseMs?: number;
	/** How long an endpoint has to answer. */
	timeoutMs?: number;
	/** The first retry's wait; each further one doubles it. */
	retryBaseMs?: number;
	/** Attempts before a delivery is marked failed. */
	maxAttempts?: number;
	/** How host names are resolved at delivery (tests play a DNS answer that changed). */
	resolve?: Resolver;
	/** Tests: runs after the endpoint answered and before the outcome is recorded (a crash there). */
	afterSent?: (id: string) => void | Promise<void>;
}

interface Claimed {
	id: string;
	eventType: string;
	eventSeq: number | null;
	body: string | null;
	attempts: number;
	url: string;
	role: WebhookRole;
	secret: string;
	allowPrivate: boolean;
}

/**
 * Delivers webhooks at least once, in every app process at the same time: a delivery is claimed
 * with `for update skip locked` and a lease, so two processes never send one at once; a process
 * that dies after sending and before recording leaves it claimed, and once the lease runs out it
 * goes again with the same Webhook-Id. Each answer other than 2xx (or no answer) is retried with a
 * doubling wait, then the delivery is marked failed.
 */
export class WebhookWorker extends PollingWorker {
	readonly #options: Required<Omit<WebhookWorkerOptions, 'afterSent'>> &
		Pick<WebhookWorkerOptions, 'afterSent'>;

	constructor(services: Services, options: WebhookWorkerOptions = {}) {
		super(services, options.pollMs ?? 2000, 'webhooks');
		this.#options = {
			pollMs: this.pollMs,
			leaseMs: options.leaseMs ?? 60_000,
			timeoutMs: options.timeoutMs ?? 10_000,
			retryBaseMs: options.retryBaseMs ?? 30_000,
			maxAttempts: options.maxAttempts ?? 8,
			resolve: options.resolve ?? systemResolver,
			afterSent: options.afterSent
		};
		if (this.#options.leaseMs <= this.#options.timeoutMs)
			throw new Error('the lease must outlast the timeout, or a slow endpoint gets it twice');
	}

	// Deliveries are written with their events: the worker looks at once when an event that wrote
	// some commits (a move in a shop with no endpoint for it costs no query). A resend or a test
	// from the page wakes it through `services.webhooks`.
	protected wakeOn(kick: () => void) {
		const unsubscribe = this.services.bus.subscribe((event) => {
			if (bringsDeliveries(event)) kick();
		});
		this.services.webhooks = this;
		return () => {
			unsubscribe();
			if (this.services.webhooks === this) this.services.webhooks = null;
		};
	}

	/** Claims one due delivery and makes its attempt; returns how many it claimed (0 or 1). */
	async deliverDue(): Promise<number> {
		const sql = this.services.db.sql;
		const claimed = await sql<Claimed[]>`
			with due as (
				select id from webhook_deliveries
				where status in ('pending', 'retrying', 'sending') and next_attempt_at <= now()
				order by next_attempt_at limit 1
				for update skip locked
			)
			update webhook_deliveries d set status = 'sending', attempts = d.attempts + 1,
				last_attempt_at = now(),
				next_attempt_at = now() + ${this.#options.leaseMs / 1000} * interval '1 second'
			from due, webhook_endpoints e
			where d.id = due.id and e.id = d.endpoint_id
			returning d.id, d.event_type, d.event_seq, d.body, d.attempts, e.url, e.role, e.secret,
				e.allow_private`;
		for (const delivery of claimed) await this.#attempt(delivery);
		return claimed.length;
	}

	async #attempt(delivery: Claimed) {
		const sql = this.services.db.sql;
		let body = delivery.body;
		if (body === null) {
			// Made once, at the first attempt, and kept: a retry or a resend sends the same bytes.
			body =
				delivery.eventSeq === null
					? pingBody(delivery.id)
					: await webhookBody(
							sql,
							{ id: delivery.id, eventType: delivery.eventType, eventSeq: delivery.eventSeq },
							delivery.role,
							this.services.publicUrl
						);
			await sql`update webhook_deliveries set body = ${body} where id = ${delivery.id}`;
		}
		let outcome: { status: number; excerpt: string } | { error: string };
		try {
			const url = new URL(delivery.url);
			// Checked again now: the name may resolve elsewhere than when the owner saved it.
			const address = await checkedAddress(
				url.hostname,
				delivery.allowPrivate,
				this.#options.resolve
			);
			const timestamp = Math.floor(Date.now() / 1000);
			outcome = await postJson(
				url,
				address,
				{
					'webhook-id': delivery.id,
					'benchboard-event': delivery.eventType,
					[SIGNATURE_HEADER.toLowerCase()]: signatureHeader(delivery.secret, timestamp, body)
				},
				body,
				this.#options.timeoutMs
			);
		} catch (error) {
			outcome = { error: error instanceof Error ? error.message : String(error) };
		}
		await this.#options.afterSent?.(delivery.id);
		await this.#record(delivery, outcome);
	}

	async #record(
		delivery: Claimed,
		outcome: { status: number; excerpt: string } | { error: string }
	) {
		const ok = 'status' in outcome && outcome.status >= 200 && outcome.status < 300;
		const code = 'status' in outcome ? outcome.status : null;
		const excerpt = 'status' in outcome ? outcome.excerpt : null;
		const error =
			'error' in outcome
				? outcome.error
				: ok
					? null
					: outcome.status >= 300 && outcome.status < 400
						? `answered ${outcome.status} (redirects are not followed)`
						: `answered ${outcome.status}`;
		const last = delivery.attempts >= this.#options.maxAttempts;
		const status = ok ? 'delivered' : last ? 'failed' : 'retrying';
		const wait = this.#options.retryBaseMs * 2 ** (delivery.attempts - 1);
		// Only while this claim is still ours: a lease that ran out belongs to whoever took it next.
		await this.services.db.sql`
			update webhook_deliveries set status = ${status}, last_status_code = ${code},
				last_response = ${excerpt}, last_error = ${error},
				delivered_at = ${ok ? new Date() : null},
				next_attempt_at = now() + ${status === 'retrying' ? wait / 1000 : 0} * interval '1 second'
			where id = ${delivery.id} and status = 'sending' and attempts = ${delivery.attempts}`;
		if (!ok) log.info(`webhook ${delivery.id} attempt ${delivery.attempts}: ${error}`);
	}
}
