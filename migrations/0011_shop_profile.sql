-- The shop's own profile (shown to customers on the status page, messages and printed slips) and
-- a trail of every change to the shop's settings: who, when, before and after.

alter table settings add column address text not null default '';
alter table settings add column phone text not null default '';
alter table settings add column email text not null default '';
alter table settings add column website text not null default '';
-- A BCP 47 tag: how dates, times and amounts are written.
alter table settings add column locale text not null default 'en-US';
-- The logo's content hash in the file store (DATA_DIR/files) and its image type, or none.
alter table settings add column logo_hash text;
alter table settings add column logo_type text;

create table settings_changes (
	id bigserial primary key,
	at timestamptz not null default now(),
	actor_id integer not null references users (id),
	-- The name as it was then: the trail reads the same after a rename.
	actor_name text not null,
	-- Which part of the settings: 'profile', ...
	section text not null,
	before jsonb not null,
	after jsonb not null
);
create index settings_changes_at on settings_changes (at desc);

-- Like the event log, the trail is appended to and never rewritten.
create function append_only() returns trigger language plpgsql as $$
begin
	raise exception '% is append-only: % is not allowed', tg_table_name, tg_op;
end
$$;
create trigger settings_changes_no_change before update or delete on settings_changes
	for each row execute function append_only();
create trigger settings_changes_no_truncate before truncate on settings_changes
	for each statement execute function append_only();
