-- Several app processes over one PostgreSQL (issue #19): every committed event wakes each of them.
-- The payload is the event's seq and the writer's application_name, which each process sets to its
-- own id, so a process can tell its own events (published at once) from another's (read from the
-- log). NOTIFY is sent at commit, and appends are one at a time already (event_counter), so this
-- adds no new point of contention.
create function notify_order_event() returns trigger
language plpgsql as $$
begin
	perform pg_notify(
		'benchboard_events',
		new.seq::text || ' ' || coalesce(current_setting('application_name', true), '')
	);
	return null;
end
$$;

create trigger order_events_notify
	after insert on order_events
	for each row execute function notify_order_event();
