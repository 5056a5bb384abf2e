-- Importing a shop's open orders from a spreadsheet (CSV). The file's rows wait in `imports`
-- between the upload, the mapping and the import; the import runs as a job whose progress and
-- report (one line per row) are read from here, so closing the page does not stop it.
create table imports (
	id serial primary key,
	created_by integer not null references users (id),
	file_name text not null,
	headers jsonb not null,
	rows jsonb not null,
	total integer not null,
	mapping jsonb,
	status text not null default 'uploaded'
		check (status in ('uploaded', 'running', 'done', 'failed')),
	done integer not null default 0,
	created_count integer not null default 0,
	skipped_count integer not null default 0,
	failed_count integer not null default 0,
	created_at timestamptz not null default now(),
	started_at timestamptz,
	-- When the job last finished a row: a running import nobody has moved for a while is resumed.
	progressed_at timestamptz,
	finished_at timestamptz
);

-- One import runs at a time.
create unique index imports_one_running on imports ((true)) where status = 'running';

create table import_results (
	import_id integer not null references imports (id) on delete cascade,
	row_number integer not null,
	result text not null check (result in ('created', 'skipped', 'failed')),
	order_id integer references orders (id),
	problem text,
	primary key (import_id, row_number)
);

-- A spreadsheet row becomes an order once: its external reference (the file's own column, or a
-- hash of the row's content) is kept with the order it made, so importing the file again skips it.
create table import_refs (
	external_ref text primary key,
	order_id integer not null references orders (id),
	created_at timestamptz not null default now()
);
