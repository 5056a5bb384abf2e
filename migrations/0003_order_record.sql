-- The whole custom order: the piece, its stones, outside work at vendors, money, what it is
-- waiting on, photos and sketches; and the customer's profile. Money is integer cents.

alter table customers add column preferred_contact text not null default 'call'
	check (preferred_contact in ('call', 'text', 'email'));
alter table customers add column ring_sizes text;
alter table customers add column notes text;
-- "(555) 201-0101" and "555.201.0101" are one phone: search and duplicate checks use the digits.
alter table customers add column phone_digits text
	generated always as (nullif(regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g'), '')) stored;
create index customers_phone_digits_idx on customers (phone_digits);
-- The counter searches a phone by its last digits ("0142") or whole: a suffix is a prefix of
-- the reversed digits. (Trigrams of digits are too few and too common to be selective.)
create index customers_phone_suffix_idx on customers (reverse(phone_digits) text_pattern_ops);
create index customers_email_idx on customers (lower(email));
-- Search finds names and titles by the beginnings of their words ("oli benn"): a full-text index
-- the planner uses reliably, where "contains" (trigrams) was often passed over for a full scan.
create index customers_name_search_idx on customers
	using gin (to_tsvector('simple', given_name || ' ' || family_name));

create table vendors (
	id serial primary key,
	name text not null,
	kind text not null check (kind in ('casting', 'stones', 'engraving', 'setting', 'plating', 'other')),
	contact_name text,
	phone text,
	email text,
	notes text,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);
create unique index vendors_name_idx on vendors (lower(name));

alter table orders add column piece_type text not null default 'other' check (piece_type in (
	'engagement_ring', 'wedding_band', 'pendant', 'earrings', 'bracelet', 'remount', 'repair', 'other'
));
alter table orders add column metal text;
-- A finger size keeps its scale ("6.5" on 'US', "M½" on 'UK'); a chain or bracelet its length.
alter table orders add column size_value text;
alter table orders add column size_scale text check (size_scale in ('US', 'UK', 'EU', 'in', 'cm'));
alter table orders add check ((size_value is null) = (size_scale is null));
alter table orders add column dimensions text;
alter table orders add column finish text;
alter table orders add column engraving_text text;
alter table orders add column engraving_font text;
alter table orders add column design_notes text;
alter table orders add column customer_requests text;
alter table orders add column occasion text;
alter table orders add column quoted_price_cents bigint check (quoted_price_cents >= 0);
create index orders_title_search_idx on orders using gin (to_tsvector('simple', title));
create index orders_number_idx on orders (upper(number) text_pattern_ops);

create table stones (
	id serial primary key,
	order_id integer not null references orders (id),
	role text not null check (role in ('center', 'side', 'accent', 'melee')),
	source text not null check (source in ('customer', 'store')),
	vendor_id integer references vendors (id),
	gem text not null,
	shape text,
	-- Melee is counted and weighed in total: `count` stones weigh `carats` together.
	count integer not null default 1 check (count between 1 and 10000),
	carats numeric(8, 3) check (carats > 0),
	dimensions_mm text,
	colour text,
	clarity text,
	cert_lab text,
	cert_number text,
	declared_value_cents bigint check (declared_value_cents >= 0),
	state text not null default 'expected' check (state in ('expected', 'received', 'set', 'returned')),
	version integer not null default 1,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	check (source = 'customer' or declared_value_cents is null),
	check (source = 'store' or vendor_id is null)
);
create index stones_order_idx on stones (order_id);
create index stones_vendor_idx on stones (vendor_id);
create index stones_cert_idx on stones (upper(cert_number)) where cert_number is not null;

create table vendor_jobs (
	id serial primary key,
	order_id integer not null references orders (id),
	vendor_id integer not null references vendors (id),
	description text not null,
	sent_on date,
	expected_on date,
	received_on date,
	cost_cents bigint check (cost_cents >= 0),
	version integer not null default 1,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);
create index vendor_jobs_order_idx on vendor_jobs (order_id);
create index vendor_jobs_vendor_idx on vendor_jobs (vendor_id);

-- Money received or given back. Never edited: a mistake is corrected by another row (a refund).
create table payments (
	id serial primary key,
	order_id integer not null references orders (id),
	kind text not null check (kind in ('deposit', 'payment', 'refund')),
	amount_cents bigint not null check (amount_cents > 0),
	method text not null check (method in ('cash', 'card', 'bank_transfer', 'check', 'other')),
	paid_on date not null,
	taken_by integer not null references users (id),
	note text,
	created_at timestamptz not null default now()
);
create index payments_order_idx on payments (order_id);
create index payments_taken_by_idx on payments (taken_by);

-- What an order is waiting on. Open while resolved_at is null; the oldest open one is on the card.
create table blockers (
	id serial primary key,
	order_id integer not null references orders (id),
	description text not null,
	since timestamptz not null default now(),
	created_by integer not null references users (id),
	resolved_at timestamptz,
	resolved_by integer references users (id)
);
create index blockers_order_idx on blockers (order_id, since);
create index blockers_created_by_idx on blockers (created_by);
create index blockers_resolved_by_idx on blockers (resolved_by);

-- Photos, sketches and CAD renders. The bytes live under DATA_DIR by SHA-256, written before
-- this row, so no transaction waits on a disk write.
create table attachments (
	id serial primary key,
	order_id integer not null references orders (id),
	kind text not null check (kind in ('reference', 'design', 'progress')),
	sha256 char(64) not null,
	media_type text not null,
	byte_size integer not null check (byte_size > 0),
	width integer,
	height integer,
	file_name text not null,
	caption text,
	created_by integer not null references users (id),
	created_at timestamptz not null default now(),
	removed_at timestamptz,
	removed_by integer references users (id)
);
create index attachments_order_idx on attachments (order_id);
create index attachments_created_by_idx on attachments (created_by);
create index attachments_removed_by_idx on attachments (removed_by);

-- Events about a customer (not one order) carry the customer instead.
alter table order_events alter column order_id drop not null;
alter table order_events add column customer_id integer references customers (id);
alter table order_events add check ((order_id is null) <> (customer_id is null));
create index order_events_customer_idx on order_events (customer_id, seq);

-- The card gains what the board shows at a glance: the piece, the first thing it waits on, and
-- how many of the customer's own stones are with it. Joined from grouped subqueries rather than a
-- subquery per row: a 5,000-card board reads them in one pass (a lookup of one order still only
-- touches that order's rows, since PostgreSQL pushes the id into both).
create or replace view order_cards as
	select o.id, o.number, o.title, o.stage, o.order_key, o.version, o.due_date, o.rush, o.assignee,
		o.customer_id, c.given_name || ' ' || c.family_name as customer_name,
		o.piece_type, o.occasion,
		-- As ISO text (like JavaScript's toISOString), so a card reads the same from a query, an
		-- event and a page's data.
		to_char(o.stage_entered_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as stage_entered_at,
		first_blocker.description as first_blocker,
		coalesce(customer_stones.count, 0) as customer_stones
	from orders o
	join customers c on c.id = o.customer_id
	left join (
		select distinct on (order_id) order_id, description from blockers
		where resolved_at is null
		order by order_id, since, id
	) first_blocker on first_blocker.order_id = o.id
	left join (
		select order_id, count(*)::int as count from stones
		where source = 'customer' and state <> 'returned'
		group by order_id
	) customer_stones on customer_stones.order_id = o.id;
