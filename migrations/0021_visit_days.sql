-- Issue #21, speed and one shop clock.
--
-- One business clock for the charts, the forecast and the demo history: the shop works Monday to
-- Saturday in its time zone (a jewelry shop is open on Saturdays; the settings hold no opening
-- hours), a business day is the whole local calendar day and Sunday does not count. A moment's
-- place on the clock is the index of its local day (six a week) plus the wall-clock time as a share
-- of the day; a Sunday moment is the start of the Monday after it. src/lib/business-time.ts is the
-- same rule in TypeScript.
--
-- local_days: a moment's local wall-clock time in days since Monday 2000-01-03 (reading the wall
-- clock, a day that a DST change shortens counts as a whole day). shop_clock: the place of such a
-- reading on the business clock. Each is one expression with no FROM, in float8, so PostgreSQL
-- inlines them; a query over many rows works out local_days once per row in a subquery (its
-- time-zone conversion is the costly part) and shop_clock from that.
create function local_days(moment timestamptz, time_zone text) returns float8 language sql stable as $$
	select date_part('epoch', (moment at time zone time_zone) - timestamp '2000-01-03') / 86400
$$;

create function shop_clock(days float8) returns float8 language sql immutable as $$
	select floor(days / 7) * 6 + least(days - floor(days / 7) * 7, 6)
$$;

create or replace function business_days(started timestamptz, ended timestamptz, time_zone text)
returns float8 language sql stable as $$
	select shop_clock(local_days(ended, time_zone)) - shop_clock(local_days(started, time_zone))
$$;

drop function weekday_seconds(timestamp);

-- The shop's time zone (UTC until startServices writes the settings row; writing it, or changing
-- the zone later, works the stored values below out again).
create function shop_time_zone() returns text language sql stable as $$
	select coalesce((select time_zone from settings), 'UTC')
$$;

-- Stored beside each visit by the same statement that opens or closes it, so the charts and the
-- forecast read numbers instead of working them out for hundreds of thousands of visits per read:
-- - days: a completed visit's length in business days (null while the visit is open);
-- - entered_on, left_on: the shop's local dates it began and ended (the cumulative flow's days);
-- - repeated: the order has been in this stage more than once (moved back to it). A stage's cycle
--   time adds up an order's visits to it, so only those visits need grouping by order; every other
--   visit is already one order's time in the stage.
-- A new time zone in the settings works days and dates out again (settings_time_zone_days below).
alter table stage_visits
	add column days float8,
	add column entered_on date,
	add column left_on date,
	add column repeated boolean not null default false;
update stage_visits v
set days = business_days(v.entered_at, v.left_at, s.zone),
	entered_on = (v.entered_at at time zone s.zone)::date,
	left_on = (v.left_at at time zone s.zone)::date,
	repeated = exists (
		select 1 from stage_visits o
		where o.order_id = v.order_id and o.stage = v.stage and o.entered_seq <> v.entered_seq
	)
from (select shop_time_zone() as zone) s;
alter table stage_visits
	alter column entered_on set not null,
	add constraint stage_visits_days_check
		check ((left_at is null) = (days is null) and (left_at is null) = (left_on is null));

-- Completed visits of a stage over a period, with their length: cycle times read the index alone.
drop index stage_visits_left_idx;
create index stage_visits_left_idx on stage_visits (stage, repeated, left_at)
	include (order_id, days, entered_at) where left_at is not null;
-- Arrivals and departures per stage and day (cumulative flow), counted from the indexes alone.
create index stage_visits_entered_on_idx on stage_visits (stage, entered_on);
create index stage_visits_left_on_idx on stage_visits (stage, left_on) where left_on is not null;

-- Whatever moves a visit's times (closing it, an undo opening it again, an edit by hand) works its
-- stored values out again in the same statement; in every session, the generator's replicating
-- ones too.
create function stage_visit_derive() returns trigger language plpgsql as $$
declare
	zone text := shop_time_zone();
begin
	new.days := business_days(new.entered_at, new.left_at, zone);
	new.entered_on := (new.entered_at at time zone zone)::date;
	new.left_on := (new.left_at at time zone zone)::date;
	return new;
end
$$;

create trigger stage_visits_derive
	before update of entered_at, left_at on stage_visits
	for each row execute function stage_visit_derive();
alter table stage_visits enable always trigger stage_visits_derive;

-- Each order's finish: the first time it reached Ready (or was picked up straight away), the
-- business days from its creation to then, and its piece type (kept in step with the order's).
-- Kept by the same statements as the visits; an undo of the move into Ready takes it back (to the
-- next earliest arrival, if the order had one).
create table order_finishes (
	order_id integer primary key references orders (id),
	finished_at timestamptz not null,
	days float8 not null,
	piece_type text not null
);
create index order_finishes_at_idx on order_finishes (finished_at) include (order_id, days, piece_type);

-- The finish of some orders, worked out again from their visits.
create function order_finishes_refresh(order_ids integer[]) returns void language plpgsql as $$
declare
	zone text := shop_time_zone();
begin
	delete from order_finishes where order_id = any (order_ids);
	insert into order_finishes (order_id, finished_at, days, piece_type)
	select v.order_id, min(v.entered_at), business_days(o.created_at, min(v.entered_at), zone), o.piece_type
	from stage_visits v
	join orders o on o.id = v.order_id
	where v.order_id = any (order_ids) and v.stage in ('ready', 'picked_up')
	group by v.order_id, o.created_at, o.piece_type;
end
$$;

select order_finishes_refresh(array(select id from orders));

-- One event's effect on the visits (0018's, with the stored values above and the order's finish).
create or replace function stage_visit_apply(
	event_seq bigint, event_order_id integer, event_payload jsonb, event_at timestamptz
) returns void language plpgsql as $$
declare
	undone bigint := (event_payload ->> 'undoOf')::bigint;
	zone text := shop_time_zone();
	stage_after text := event_payload -> 'after' ->> 'stage';
	gone text;
	again boolean;
begin
	if undone is not null and exists (select 1 from stage_visits where entered_seq = undone) then
		delete from stage_visits where entered_seq = undone returning stage into gone;
		update stage_visits set left_at = null, left_seq = null
		where order_id = event_order_id and left_seq = undone;
		update stage_visits set repeated = false
		where order_id = event_order_id and stage = gone and repeated
			and (select count(*) from stage_visits where order_id = event_order_id and stage = gone) = 1;
		perform order_finishes_refresh(array[event_order_id]);
		return;
	end if;
	-- stage_visits_derive stores the closed visit's days and date.
	update stage_visits set left_at = event_at, left_seq = event_seq
	where order_id = event_order_id and left_at is null;
	again := exists (select 1 from stage_visits where order_id = event_order_id and stage = stage_after);
	if again then
		update stage_visits set repeated = true
		where order_id = event_order_id and stage = stage_after and not repeated;
	end if;
	insert into stage_visits (order_id, stage, entered_at, entered_seq, entered_on, repeated)
	values (event_order_id, stage_after, event_at, event_seq, (event_at at time zone zone)::date, again);
	if stage_after in ('ready', 'picked_up') then
		insert into order_finishes (order_id, finished_at, days, piece_type)
		select o.id, event_at, business_days(o.created_at, event_at, zone), o.piece_type
		from orders o where o.id = event_order_id
		on conflict (order_id) do nothing;
	end if;
end
$$;

-- A finishing visit's time edited by hand: the order's finish follows.
create function order_finish_follow() returns trigger language plpgsql as $$
begin
	perform order_finishes_refresh(array[new.order_id]);
	return null;
end
$$;

create trigger stage_visits_finish_follow
	after update of entered_at on stage_visits
	for each row when (new.stage in ('ready', 'picked_up') and new.entered_at <> old.entered_at)
	execute function order_finish_follow();

-- 0018's statement trigger for bulk inserts, with the stored values above and the orders' finishes.
create or replace function stage_visits_track() returns trigger language plpgsql as $$
declare
	event record;
	zone text := shop_time_zone();
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
	with added as (
		insert into stage_visits (
			order_id, stage, entered_at, left_at, entered_seq, left_seq, days, entered_on, left_on, repeated
		)
		select order_id, stage, entered_at, left_at, entered_seq, left_seq,
			business_days(entered_at, left_at, zone), (entered_at at time zone zone)::date,
			(left_at at time zone zone)::date, count(*) over (partition by order_id, stage) > 1
		from (
			select order_id, payload -> 'after' ->> 'stage' as stage, created_at as entered_at,
				lead(created_at) over w as left_at, seq as entered_seq, lead(seq) over w as left_seq
			from new_events
			where order_id is not null and is_stage_change(payload)
			window w as (partition by order_id order by seq)
		) visits
		returning order_id, stage, entered_at
	)
	insert into order_finishes (order_id, finished_at, days, piece_type)
	select a.order_id, min(a.entered_at), business_days(o.created_at, min(a.entered_at), zone), o.piece_type
	from added a
	join orders o on o.id = a.order_id
	where a.stage in ('ready', 'picked_up')
	group by a.order_id, o.created_at, o.piece_type
	on conflict (order_id) do nothing;
	return null;
end
$$;

-- A new time zone (or the first one) moves every stored length and date to the zone's clock.
create function stage_visits_rezone() returns trigger language plpgsql as $$
begin
	update stage_visits set days = business_days(entered_at, left_at, new.time_zone),
		entered_on = (entered_at at time zone new.time_zone)::date,
		left_on = (left_at at time zone new.time_zone)::date;
	update order_finishes f set days = business_days(o.created_at, f.finished_at, new.time_zone)
	from orders o where o.id = f.order_id;
	return null;
end
$$;

create trigger settings_time_zone_days
	after update of time_zone on settings
	for each row when (old.time_zone is distinct from new.time_zone)
	execute function stage_visits_rezone();
create trigger settings_time_zone_first
	after insert on settings
	for each row when (new.time_zone <> 'UTC')
	execute function stage_visits_rezone();

-- An order's new piece type goes to its finish too.
create function order_finishes_piece_type() returns trigger language plpgsql as $$
begin
	update order_finishes set piece_type = new.piece_type where order_id = new.id;
	return null;
end
$$;

create trigger orders_piece_type_finish
	after update of piece_type on orders
	for each row when (old.piece_type is distinct from new.piece_type)
	execute function order_finishes_piece_type();
