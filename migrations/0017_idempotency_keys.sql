-- A change sent with an Idempotency-Key is applied once however often it arrives (issue #20: a
-- bench screen replays what it queued offline, and a retry after a timeout must not move a card
-- twice). The key is claimed in the change's own transaction, so it exists exactly when the change
-- does; the answer is kept to give the same one again. Keys are per person and kept for a week.
create table idempotency_keys (
	user_id integer not null references users (id) on delete cascade,
	key text not null,
	-- The method, the route and a hash of the body: the same key with another request is refused.
	fingerprint text not null,
	status integer,
	answer jsonb,
	created_at timestamptz not null default now(),
	primary key (user_id, key)
);
create index idempotency_keys_created_at on idempotency_keys (created_at);
