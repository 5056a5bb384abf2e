-- Customer updates: "it's ready" messages through an outbox, and a status page the customer can
-- open with a secret link.

alter table settings add column notifications_enabled boolean not null default true;
alter table settings add column opening_hours text not null default 'Tuesday to Saturday, 10:00 to 18:00';
-- The owner's wording, per kind of message: {"ready": {"subject": "…", "body": "…"}, …}. Kinds
-- left out use the built-in wording.
alter table settings add column message_templates jsonb not null default '{}';

alter table customers add column notifications_off boolean not null default false;

-- The customer's status page: /s/<token>. The token is kept to print the link again (slips,
-- envelopes); it is found by its SHA-256 and then compared in constant time.
alter table orders add column status_token text;
alter table orders add column status_token_hash text unique;

-- The outbox: written in the same transaction as what causes a message, delivered by a worker in
-- the server process, at least once, with one idempotency key per message for the provider.
create table notifications (
	id bigserial primary key,
	order_id integer not null references orders (id),
	customer_id integer not null references customers (id),
	kind text not null check (kind in ('ready', 'cad_ready', 'quote_approval', 'message')),
	subject text not null,
	body text not null,
	idempotency_key uuid not null unique,
	-- queued → sending → sent, or back to queued (retry), or failed; not_sent when nothing could
	-- carry it (no channel, no address, turned off), with the reason.
	status text not null default 'queued'
		check (status in ('queued', 'sending', 'sent', 'failed', 'not_sent')),
	channel text check (channel in ('email', 'sms')),
	recipient text,
	attempts integer not null default 0,
	-- When to try next; for a message being sent, when its attempt counts as lost (a crash).
	next_attempt_at timestamptz not null default now(),
	last_error text,
	created_by integer not null references users (id),
	created_at timestamptz not null default now(),
	sent_at timestamptz
);
create index notifications_due_idx on notifications (next_attempt_at)
	where status in ('queued', 'sending');
create index notifications_order_idx on notifications (order_id, id);
