-- Benchboard's first schema: the shop, its people, customers, orders and the append-only event log.

create table settings (
	id boolean primary key default true check (id),
	shop_name text not null,
	time_zone text not null,
	currency char(3) not null
);

create table users (
	id serial primary key,
	username text not null unique,
	display_name text not null,
	-- 'system' is the built-in shop actor that records changes until sign-in exists.
	role text not null check (role in ('owner', 'manager', 'staff', 'bench', 'system')),
	created_at timestamptz not null default now()
);
insert into users (username, display_name, role) values ('shop', 'Shop', 'system');

create table customers (
	id serial primary key,
	given_name text not null,
	family_name text not null,
	phone text,
	email text,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);
create index customers_name_idx on customers (lower(family_name), lower(given_name));

create sequence order_number_seq start 1001;

create table orders (
	id serial primary key,
	number text not null unique default ('CO-' || nextval('order_number_seq')),
	customer_id integer not null references customers (id),
	title text not null,
	stage text not null check (
		stage in ('intake', 'design', 'casting', 'setting', 'polishing', 'inspection', 'ready', 'picked_up', 'cancelled')
	),
	-- Fractional position within the stage. "C" so that every PostgreSQL (and PGlite) sorts by byte.
	order_key text collate "C",
	version integer not null default 1,
	due_date date,
	rush boolean not null default false,
	assignee text,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	stage_entered_at timestamptz not null default now(),
	check ((order_key is null) = (stage in ('picked_up', 'cancelled')))
);
create unique index orders_stage_key_idx on orders (stage, order_key) where order_key is not null;
create index orders_customer_idx on orders (customer_id);
create index orders_due_idx on orders (due_date) where order_key is not null;

-- One row holding the last seq handed out. Taking it with UPDATE in the writing transaction holds
-- a row lock until commit, so seqs are gap-free and in commit order.
create table event_counter (
	id boolean primary key default true check (id),
	last_seq bigint not null
);
insert into event_counter (last_seq) values (0);

create table order_events (
	seq bigint primary key,
	order_id integer not null references orders (id),
	type text not null,
	actor_id integer not null references users (id),
	payload jsonb not null,
	created_at timestamptz not null default now()
);
create index order_events_order_idx on order_events (order_id, seq);
create index order_events_actor_idx on order_events (actor_id);

create function order_events_append_only() returns trigger language plpgsql as $$
begin
	raise exception 'order_events is append-only: % is not allowed', tg_op;
end
$$;
create trigger order_events_no_change before update or delete on order_events
	for each row execute function order_events_append_only();
create trigger order_events_no_truncate before truncate on order_events
	for each statement execute function order_events_append_only();

-- What a board card shows: the order with its customer's name.
create view order_cards as
	select o.id, o.number, o.title, o.stage, o.order_key, o.version, o.due_date, o.rush, o.assignee,
		o.customer_id, c.given_name || ' ' || c.family_name as customer_name
	from orders o
	join customers c on c.id = o.customer_id;
