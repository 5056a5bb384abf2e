-- Checkpoints anchor the hash chains with a key the database does not hold: each signs (HMAC-SHA256)
-- the heads of every order's and customer's chain as of a seq. Someone who can rewrite the log and
-- recompute its hashes (order_event_hash is in the database) still cannot sign new heads.
create table audit_checkpoints (
	id bigserial primary key,
	last_seq bigint not null,
	chains integer not null,
	heads_digest text not null,
	mac text not null,
	-- Null when the server wrote it on its own (hourly), else who asked for the check.
	created_by integer references users (id),
	created_at timestamptz not null default now()
);
create index audit_checkpoints_created_by on audit_checkpoints (created_by);

create function audit_checkpoints_append_only() returns trigger language plpgsql as $$
begin
	raise exception 'audit_checkpoints is append-only';
end $$;
create trigger audit_checkpoints_no_change before update or delete on audit_checkpoints
	for each row execute function audit_checkpoints_append_only();
create trigger audit_checkpoints_no_truncate before truncate on audit_checkpoints
	for each statement execute function audit_checkpoints_append_only();
