-- Request limits counted in the database, so every app process over one PostgreSQL counts the same
-- requests (issue #19): one row per key and fixed window. Rows whose window ended are swept.
create table rate_limits (
	key text primary key,
	count integer not null,
	reset_at timestamptz not null
);
create index rate_limits_reset_at on rate_limits (reset_at);
