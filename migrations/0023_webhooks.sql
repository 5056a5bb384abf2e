-- Signed webhooks (issue #22): the owner's endpoints, and one delivery per endpoint and event,
-- written by `appendEvent` in the event's own transaction and sent by the webhook worker.
create table webhook_endpoints (
	id serial primary key,
	url text not null,
	description text not null default '',
	-- The types it receives ('order.ready_for_pickup', ...; src/lib/webhooks.ts).
	event_types text[] not null,
	-- Whose view the payloads follow: never more than this role may read.
	role text not null check (role in ('manager', 'staff', 'bench')),
	-- The HMAC key; it must be kept to sign, so it is stored as it is (like an SMTP password).
	secret text not null,
	-- The owner allowed loopback and private addresses for this endpoint (SSRF guard off).
	allow_private boolean not null default false,
	enabled boolean not null default true,
	created_by integer not null references users (id),
	created_at timestamptz not null default now()
);

create table webhook_deliveries (
	-- The idempotency key, sent as Webhook-Id: the same on every attempt and on a resend.
	id uuid primary key,
	endpoint_id integer not null references webhook_endpoints (id) on delete cascade,
	-- Null for a test ping.
	event_seq bigint references order_events (seq),
	event_type text not null,
	-- Made at the first attempt and kept: every attempt sends the same bytes.
	body text,
	status text not null default 'pending'
		check (status in ('pending', 'sending', 'retrying', 'delivered', 'failed')),
	attempts integer not null default 0,
	-- When it is due; while 'sending', when its claim (lease) runs out.
	next_attempt_at timestamptz not null default now(),
	last_attempt_at timestamptz,
	last_status_code integer,
	last_response text,
	last_error text,
	delivered_at timestamptz,
	created_at timestamptz not null default now()
);

create index webhook_deliveries_due on webhook_deliveries (next_attempt_at)
	where status in ('pending', 'sending', 'retrying');
create index webhook_deliveries_by_endpoint on webhook_deliveries (endpoint_id, created_at desc);
