-- API tokens for other tools (a point-of-sale system, a website): the owner makes one with a name, a
-- role and an optional expiry; its secret is shown once and only its SHA-256 is kept (issue #22).
--
-- Each token acts through a users row of its own, role 'api_token', named "POS (API token)": the
-- event log, custody, payments and every other record of who did something name a users row, so
-- a token's changes are recorded under its name with no second kind of actor, and the log's hash
-- chain (which covers actor_id) holds as it is. That row's role grants nothing (roles.ts knows no
-- 'api_token'); what the token may do is api_tokens.role. Lists of people (accounts, assignees,
-- hand-offs, sign-in) take the staff roles only, so a token is never one of them.
alter table users drop constraint users_role_check;
alter table users add constraint users_role_check
	check (role in ('owner', 'manager', 'staff', 'bench', 'system', 'api_token'));

create table api_tokens (
	id serial primary key,
	-- The actor the token's changes are recorded under.
	user_id integer not null unique references users (id),
	name text not null,
	-- Never owner: managing accounts and tokens, and the full export, stay with a signed-in owner.
	role text not null check (role in ('manager', 'staff', 'bench', 'display')),
	-- SHA-256 of the secret, hex: a leaked table lets nobody in.
	secret_hash text not null unique,
	created_by integer not null references users (id),
	created_at timestamptz not null default now(),
	expires_at timestamptz,
	-- Written at most once a minute, not on every request.
	last_used_at timestamptz,
	revoked_at timestamptz,
	revoked_by integer references users (id)
);
create index api_tokens_created_by_idx on api_tokens (created_by);
create index api_tokens_revoked_by_idx on api_tokens (revoked_by);
-- One live token per name, so the history's "POS (API token)" names one tool.
create unique index api_tokens_live_name_idx on api_tokens (lower(name)) where revoked_at is null;
