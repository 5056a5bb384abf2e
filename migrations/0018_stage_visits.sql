-- Issue #21: one row per time an order entered a stage, for the Insights page and the forecast.
-- It is derived from the log and kept by a trigger on order_events, so it changes in the same
-- transaction as the event that moved the order, whichever command wrote it (a move, a move back,
-- an undo, a pick-up, the demo history's bulk inserts, a cancel if one is ever added): any event
-- whose payload's `after` names a stage other than its `before` does. Times are the event's
-- created_at, seqs its seq.
--
-- An undo of a move is not counted as a visit: the undone move's visit is removed and the visit it
-- closed is open again, as if the mistaken move never happened (the undo also gives the order back
-- its old stage_entered_at). A move back by hand, by contrast, opens a new visit of the earlier stage.
create table stage_visits (
	order_id integer not null references orders (id),
	stage text not null,
	entered_at timestamptz not null,
	left_at timestamptz,
	entered_seq bigint not null primary key,
	left_seq bigint,
	check ((left_at is null) = (left_seq is null))
);
-- At most one open visit per order: the stage it is in now.
create unique index stage_visits_open_idx on stage_visits (order_id) where left_at is null;
create index stage_visits_order_idx on stage_visits (order_id, entered_seq);
-- Completed visits of a stage over a period (cycle times, the forecast's samples).
create index stage_visits_left_idx on stage_visits (stage, left_at) include (entered_at, order_id)
	where left_at is not null;
-- Entries into a stage over a period (cumulative flow, throughput, end to end).
create index stage_visits_entered_idx on stage_visits (stage, entered_at) include (order_id);
-- Each order's first arrival in Ready (its finish: throughput, on-time, end to end), read in order.
create index stage_visits_finished_idx on stage_visits (order_id, entered_at)
	where stage in ('ready', 'picked_up');
create index orders_piece_type_idx on orders (piece_type);

-- One event's effect on the visits. Events of one order arrive in seq order.
create function stage_visit_apply(
	event_seq bigint, event_order_id integer, event_payload jsonb, event_at timestamptz
) returns void language plpgsql as $$
declare
	undone bigint := (event_payload ->> 'undoOf')::bigint;
begin
	if undone is not null and exists (select 1 from stage_visits where entered_seq = undone) then
		delete from stage_visits where entered_seq = undone;
		update stage_visits set left_at = null, left_seq = null
		where order_id = event_order_id and left_seq = undone;
		return;
	end if;
	update stage_visits set left_at = event_at, left_seq = event_seq
	where order_id = event_order_id and left_at is null;
	insert into stage_visits (order_id, stage, entered_at, entered_seq)
	values (event_order_id, event_payload -> 'after' ->> 'stage', event_at, event_seq);
end
$$;

-- Which events change a stage: the card's stage after differs from before (null for a new order).
create function is_stage_change(payload jsonb) returns boolean language sql immutable as $$
	select payload -> 'after' ->> 'stage' is not null
		and (payload -> 'before' ->> 'stage') is distinct from (payload -> 'after' ->> 'stage')
$$;

-- A statement trigger for a bulk insert of many orders' histories (the demo history, replicating):
-- applied as sets, every new visit at once, each closed by the order's next stage change in the
-- same insert.
-- An insert holding an undo, or touching an order already open, is applied event by event.
create function stage_visits_track() returns trigger language plpgsql as $$
declare
	event record;
begin
	if exists (
		select 1 from new_events e
		where e.order_id is not null and is_stage_change(e.payload)
			and (e.payload ? 'undoOf'
				or exists (select 1 from stage_visits v where v.order_id = e.order_id and v.left_at is null))
	) or (select count(*) from new_events) < 2 then
		for event in
			select seq, order_id, payload, created_at from new_events
			where order_id is not null and is_stage_change(payload)
			order by seq
		loop
			perform stage_visit_apply(event.seq, event.order_id, event.payload, event.created_at);
		end loop;
		return null;
	end if;
	insert into stage_visits (order_id, stage, entered_at, left_at, entered_seq, left_seq)
	select order_id, payload -> 'after' ->> 'stage', created_at,
		lead(created_at) over w, seq, lead(seq) over w
	from new_events
	where order_id is not null and is_stage_change(payload)
	window w as (partition by order_id order by seq);
	return null;
end
$$;

create trigger order_events_stage_visits
	after insert on order_events
	referencing new table as new_events
	for each statement execute function stage_visits_track();
-- Only in a session that replicates (session_replication_role = replica): the history generator
-- writes past events that way, in bulk, without waking every process for each of them.
alter table order_events enable replica trigger order_events_stage_visits;

-- Everywhere else (every command's append, and the generator when it may not replicate, in seq
-- order), one event at a time: an event that changes no stage does not call the trigger at all,
-- and a move pays for one update and one insert, not for a transition table.
create function stage_visit_track() returns trigger language plpgsql as $$
begin
	perform stage_visit_apply(new.seq, new.order_id, new.payload, new.created_at);
	return null;
end
$$;

create trigger order_events_stage_visit
	after insert on order_events
	for each row when (new.order_id is not null and is_stage_change(new.payload))
	execute function stage_visit_track();

-- The log so far, in seq order.
do $$
declare
	event record;
begin
	for event in
		select seq, order_id, payload, created_at from order_events
		where order_id is not null and is_stage_change(payload)
		order by seq
	loop
		perform stage_visit_apply(event.seq, event.order_id, event.payload, event.created_at);
	end loop;
end
$$;

-- The time between two instants in business days: Saturdays and Sundays of the shop's time zone
-- do not count, the rest counts by the hour (Friday 17:00 to Monday 09:00 is 16 hours, 2/3 of a
-- day). Weekday seconds are counted from a Monday (2000-01-03): five days' worth for each whole week,
-- and of the week begun at most its five weekdays. One expression, no FROM, in float8 (date_part, not
-- extract's numeric): PostgreSQL inlines both functions into the charts' queries, where they cost
-- next to nothing on hundreds of thousands of rows.
-- src/lib/insights/business-days.ts is the same rule in TypeScript.
create function weekday_seconds(local timestamp) returns float8 language sql immutable as $$
	select floor(date_part('epoch', local - timestamp '2000-01-03') / 604800) * 432000
		+ least(
			date_part('epoch', local - timestamp '2000-01-03')
				- floor(date_part('epoch', local - timestamp '2000-01-03') / 604800) * 604800,
			432000
		)
$$;

create function business_days(started timestamptz, ended timestamptz, time_zone text)
returns float8 language sql stable as $$
	select (weekday_seconds(ended at time zone time_zone) - weekday_seconds(started at time zone time_zone)) / 86400
$$;
