-- Chain of custody for what the customer left with the store (their stones, the old ring to be
-- remade, the heirloom), and the release of a finished piece at pickup.

-- An item in the store's care. A customer-supplied stone that has come in is one (linked by
-- stone_id); other items are checked in on their own. `holder` is where it is now:
-- {"kind": "person" | "vendor" | "place" | "customer", "id"?: number, "name": text}, with the name
-- as it was at the hand-off (a record of fact, not a live reference).
create table customer_items (
	id serial primary key,
	order_id integer not null references orders (id),
	stone_id integer unique references stones (id) on delete set null,
	kind text not null check (kind in ('stone', 'jewelry', 'metal', 'other')),
	description text not null check (length(description) between 1 and 300),
	-- Weighed at check-in, in carats (loose stones) or grams (metal, jewelry).
	weight numeric(10, 3) check (weight > 0),
	weight_unit text not null check (weight_unit in ('ct', 'g')),
	declared_value_cents bigint check (declared_value_cents >= 0),
	holder jsonb not null,
	checked_in_at timestamptz not null default now(),
	checked_in_by integer not null references users (id),
	returned_at timestamptz,
	version integer not null default 1
);
create index customer_items_order_idx on customer_items (order_id);
-- Photos of an item at check-in belong to the order and name the item.
alter table attachments add column item_id integer references customer_items (id);

-- Every hand-off, the check-in (from the customer) and the return (to the customer) included.
-- Append-only like the event log: the trail of a customer's diamond is never rewritten.
create table custody_handoffs (
	id serial primary key,
	item_id integer not null references customer_items (id),
	from_holder jsonb not null,
	to_holder jsonb not null,
	-- Weighed at the hand-off, in the item's unit; null when it was not weighed.
	weight numeric(10, 3) check (weight > 0),
	note text check (length(note) <= 300),
	actor_id integer not null references users (id),
	at timestamptz not null default now()
);
create index custody_handoffs_item_idx on custody_handoffs (item_id, at, id);

create function custody_handoffs_append_only() returns trigger language plpgsql as $$
begin
	raise exception 'custody_handoffs is append-only: % is not allowed', tg_op;
end
$$;
create trigger custody_handoffs_no_change before update or delete on custody_handoffs
	for each row execute function custody_handoffs_append_only();
create trigger custody_handoffs_no_truncate before truncate on custody_handoffs
	for each statement execute function custody_handoffs_append_only();

-- Customer-supplied stones already in the store become items in its care, held by the shop until
-- someone records a hand-off. Their trail starts with this check-in.
insert into customer_items (order_id, stone_id, kind, description, weight, weight_unit,
		declared_value_cents, holder, checked_in_at, checked_in_by)
select s.order_id, s.id, 'stone',
	initcap(s.role) || ' stone: ' || s.gem || coalesce(', ' || s.shape, ''),
	s.carats, 'ct', s.declared_value_cents,
	'{"kind": "place", "name": "The shop"}'::jsonb, s.created_at,
	(select id from users order by id limit 1)
from stones s
where s.source = 'customer' and s.state in ('received', 'set') and exists (select 1 from users);

insert into custody_handoffs (item_id, from_holder, to_holder, weight, note, actor_id, at)
select i.id, '{"kind": "customer", "name": "The customer"}'::jsonb, i.holder, i.weight,
	'Recorded when custody tracking began', i.checked_in_by, i.checked_in_at
from customer_items i;

-- The card counts what of the customer's is with the order: their stones not yet returned, and
-- other items still in the store's care.
create or replace view order_cards as
	select o.id, o.number, o.title, o.stage, o.order_key, o.version, o.due_date, o.rush, o.assignee,
		o.customer_id, c.given_name || ' ' || c.family_name as customer_name, o.piece_type, o.occasion,
		to_char(o.stage_entered_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as stage_entered_at,
		first_blocker.description as first_blocker,
		coalesce(customer_stones.count, 0) as customer_stones,
		coalesce(customer_items.count, 0) as customer_items
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
	) customer_stones on customer_stones.order_id = o.id
	left join (
		select order_id, count(*)::int as count from customer_items
		where stone_id is null and returned_at is null
		group by order_id
	) customer_items on customer_items.order_id = o.id;
