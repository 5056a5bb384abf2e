-- Sign-in: staff accounts with roles, sessions (only a hash of each token is stored), wall-display
-- devices, and an audit trail of sign-ins and account changes.

alter table users add column password_hash text;
alter table users add column disabled_at timestamptz;
alter table users drop constraint users_role_check;
alter table users add constraint users_role_check
	check (role in ('owner', 'manager', 'staff', 'bench', 'system'));

-- A demo database (demo orders and demo staff) stays on 127.0.0.1 unless HOST says otherwise.
alter table settings add column demo boolean not null default false;

create table display_devices (
	id serial primary key,
	name text not null,
	-- SHA-256 of the secret in the device's link; a new link replaces it.
	link_hash text not null unique,
	created_by integer not null references users (id),
	created_at timestamptz not null default now(),
	revoked_at timestamptz
);
create index display_devices_created_by_idx on display_devices (created_by);

create table sessions (
	-- SHA-256 of the token, hex: a leaked table does not let anyone sign in.
	id text primary key,
	user_id integer references users (id),
	display_id integer references display_devices (id),
	created_at timestamptz not null default now(),
	expires_at timestamptz not null,
	ip text,
	user_agent text,
	check ((user_id is null) <> (display_id is null))
);
create index sessions_user_idx on sessions (user_id);
create index sessions_display_idx on sessions (display_id);

create table auth_events (
	id bigserial primary key,
	type text not null,
	-- The account acted on, and who acted (null for an anonymous sign-in attempt).
	user_id integer references users (id),
	actor_id integer references users (id),
	username text,
	ip text,
	detail jsonb not null default '{}',
	created_at timestamptz not null default now()
);
create index auth_events_user_idx on auth_events (user_id);
create index auth_events_actor_idx on auth_events (actor_id);
create index auth_events_failures_idx on auth_events (type, created_at);
