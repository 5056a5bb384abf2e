-- Several locations: stores that take orders in and hand pieces over, and workshops that make them.
-- Every order knows where it was taken in, where the customer will pick it up, and where the piece
-- is now; a piece between two locations is in transit (a transfer not yet received).

create table locations (
	id serial primary key,
	name text not null check (length(name) between 1 and 60),
	kind text not null check (kind in ('store', 'workshop')),
	-- What a customer is told of a store (the status page, messages, slips); empty: the shop's own.
	address text not null default '',
	phone text not null default '',
	-- Opening hours as written for customers ("Tue–Sat 10–6"), one line per line.
	hours text not null default '',
	-- An IANA zone, or null: the shop's.
	time_zone text,
	archived_at timestamptz,
	created_at timestamptz not null default now(),
	version integer not null default 1
);
create unique index locations_name_idx on locations (lower(name));

-- The store an order goes to when nobody said: the oldest open store (a shop of one location has
-- just it). A function, so that a default can read it.
create function default_location() returns integer language sql stable as $$
	select id from locations where kind = 'store' and archived_at is null order by id limit 1
$$;

-- Every shop has at least its one store, named as the shop is: orders are taken in somewhere. A
-- shop that already runs has it now; a new one gets it with its settings row (written at the
-- first start, after the migrations).
insert into locations (name, kind) select shop_name, 'store' from settings;
-- Orders in a database whose settings were never written (one only part set up) need one too.
insert into locations (name, kind) select 'The shop', 'store'
where not exists (select 1 from locations) and exists (select 1 from orders);
create function first_store() returns trigger language plpgsql as $$
begin
	insert into locations (name, kind) select new.shop_name, 'store'
	where not exists (select 1 from locations);
	return new;
end
$$;
create trigger settings_first_store after insert on settings
	for each row execute function first_store();

alter table orders add column intake_location_id integer references locations (id);
alter table orders add column pickup_location_id integer references locations (id);
-- Where the piece is; null while it is in transit (its open transfer says from where to where).
alter table orders add column location_id integer references locations (id);
update orders set intake_location_id = default_location(), pickup_location_id = default_location(),
	location_id = default_location();
alter table orders alter column intake_location_id set default default_location();
alter table orders alter column pickup_location_id set default default_location();
alter table orders alter column location_id set default default_location();
alter table orders alter column intake_location_id set not null;
alter table orders alter column pickup_location_id set not null;
create index orders_location_idx on orders (location_id) where order_key is not null;

-- A person's usual location: where their new orders are taken in, and their board's first view.
alter table users add column home_location_id integer references locations (id);

-- Sending a piece (with the customer's items that go with it) from one location to another.
create table transfers (
	id serial primary key,
	order_id integer not null references orders (id),
	from_location_id integer not null references locations (id),
	to_location_id integer not null references locations (id),
	note text check (length(note) <= 300),
	sent_by integer not null references users (id),
	sent_at timestamptz not null default now(),
	received_by integer references users (id),
	received_at timestamptz,
	check (from_location_id <> to_location_id),
	check ((received_by is null) = (received_at is null))
);
-- A piece is in one transfer at a time.
create unique index transfers_open_idx on transfers (order_id) where received_at is null;
create index transfers_order_idx on transfers (order_id, sent_at);

-- A transfer not received within this many hours is flagged on the card and the order.
alter table settings add column transfer_alert_hours integer not null default 24
	check (transfer_alert_hours between 1 and 720);

-- The locations an event concerns (the order's before and after), so that a screen limited to one
-- location reads only its own. The events from before locations are the first store's, where
-- every order was (the column is not part of an event's hash, so the chain still verifies).
alter table order_events add column location_ids integer[];
alter table order_events disable trigger order_events_no_change;
update order_events set location_ids = array[default_location()];
alter table order_events enable trigger order_events_no_change;
create index order_events_location_idx on order_events using gin (location_ids);

create or replace view order_cards as
	select o.id, o.number, o.title, o.stage, o.order_key, o.version, o.due_date, o.rush, o.assignee,
		o.customer_id, c.given_name || ' ' || c.family_name as customer_name, o.piece_type, o.occasion,
		to_char(o.stage_entered_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as stage_entered_at,
		first_blocker.description as first_blocker,
		coalesce(customer_stones.count, 0) as customer_stones,
		coalesce(customer_items.count, 0) as customer_items,
		customer_short_name(c.given_name, c.family_name) as customer_short_name,
		o.intake_location_id, o.pickup_location_id, o.location_id,
		transit.from_location_id as transit_from_id, transit.to_location_id as transit_to_id,
		to_char(transit.sent_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as transit_since
	from orders o
	join customers c on c.id = o.customer_id
	left join transfers transit on transit.order_id = o.id and transit.received_at is null
	left join (
		select distinct on (order_id) order_id, description from blockers
		where resolved_at is null
		order by order_id, since, id
	) first_blocker on first_blocker.order_id = o.id
	left join (
		select order_id, count(*)::int as count from stones
		where source = 'customer' and state <> 'returned'
		group by order_id
	) customer_stones on customer_stones.order_id = o.id
	left join (
		select order_id, count(*)::int as count from customer_items
		where stone_id is null and returned_at is null
		group by order_id
	) customer_items on customer_items.order_id = o.id;
