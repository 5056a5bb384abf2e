-- What a wall display may show of a customer: the given name and the initial of the family name,
-- made from the customer's own two fields (never by splitting a joined name: "Ottilie Vantrelle
-- Ospwick" is Ottilie V., not Ottilie Vantrelle O.). The initial is the family name's first letter
-- after any leading punctuation ("'t Hooft" gives T.), upper-cased; no family name, no initial.
create function customer_short_name(given_name text, family_name text) returns text
language sql immutable as $$
	select btrim(
		btrim(coalesce(given_name, '')) ||
		coalesce(' ' || nullif(upper(left(regexp_replace(coalesce(family_name, ''), '^[^[:alpha:]]+', ''), 1)), '') || '.', '')
	)
$$;

create or replace view order_cards as
	select o.id, o.number, o.title, o.stage, o.order_key, o.version, o.due_date, o.rush, o.assignee,
		o.customer_id, c.given_name || ' ' || c.family_name as customer_name, o.piece_type, o.occasion,
		to_char(o.stage_entered_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as stage_entered_at,
		first_blocker.description as first_blocker,
		coalesce(customer_stones.count, 0) as customer_stones,
		coalesce(customer_items.count, 0) as customer_items,
		customer_short_name(c.given_name, c.family_name) as customer_short_name
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
