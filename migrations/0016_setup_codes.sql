-- The first run's setup codes, shared by every app process over one PostgreSQL (issue #19): each
-- process that starts without an owner prints a code of its own and stores only its hash here, so
-- /setup on any process accepts the code any of them printed. Emptied when the first owner is made.
create table setup_codes (
	code_hash text primary key,
	created_at timestamptz not null default now()
);
