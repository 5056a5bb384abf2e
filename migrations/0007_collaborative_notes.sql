-- Design notes and customer requests as collaborative (Yjs) documents. Each update a client sends
-- is stored as it arrives; now and then they are folded into one snapshot. The plain text is kept
-- on the order (design_notes, customer_requests) for search, print and screens without an editor.
create table note_docs (
	order_id integer not null references orders (id),
	field text not null check (field in ('design', 'requests')),
	-- The whole document as one Yjs update (Y.encodeStateAsUpdate), as of the last compaction.
	snapshot bytea not null,
	updated_at timestamptz not null default now(),
	primary key (order_id, field)
);

create table note_updates (
	id bigserial primary key,
	order_id integer not null,
	field text not null,
	update bytea not null,
	user_id integer not null references users (id),
	created_at timestamptz not null default now(),
	foreign key (order_id, field) references note_docs (order_id, field)
);
create index note_updates_doc_idx on note_updates (order_id, field, id);
