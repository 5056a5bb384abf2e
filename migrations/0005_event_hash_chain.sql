-- Tamper evidence for the event log: every event stores the hash of the previous event of the same
-- order (or customer) and its own hash over its content and that link. Changing or removing an event
-- breaks its chain from there on; `npm run audit:verify` and the owner's Settings page find the
-- first broken link.

alter table order_events add column prev_hash text;
alter table order_events add column hash text;

-- What an event's hash covers: every stored column in one fixed text form (jsonb prints its keys in
-- a canonical order), chained to the previous hash of its order or customer.
create function order_event_hash(
	prev_hash text, seq bigint, order_id integer, customer_id integer, type text, actor_id integer,
	payload jsonb, created_at timestamptz
) returns text language sql stable as $$
	select encode(sha256(convert_to(concat_ws('|',
		coalesce(prev_hash, ''), seq::text, coalesce(order_id::text, ''), coalesce(customer_id::text, ''),
		type, actor_id::text, payload::text,
		to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
	), 'UTF8')), 'hex')
$$;

-- Events written before this migration are chained now, once, in seq order. The append-only
-- trigger is lifted for this step of the migration only, inside its transaction.
alter table order_events disable trigger order_events_no_change;
do $$
declare
	event record;
	previous text;
begin
	for event in select * from order_events order by seq loop
		if event.order_id is not null then
			select hash into previous from order_events
			where order_id = event.order_id and seq < event.seq order by seq desc limit 1;
		else
			select hash into previous from order_events
			where customer_id = event.customer_id and seq < event.seq order by seq desc limit 1;
		end if;
		update order_events
		set prev_hash = previous,
			hash = order_event_hash(previous, event.seq, event.order_id, event.customer_id, event.type,
				event.actor_id, event.payload, event.created_at)
		where seq = event.seq;
	end loop;
end
$$;
alter table order_events enable trigger order_events_no_change;

alter table order_events alter column hash set not null;
