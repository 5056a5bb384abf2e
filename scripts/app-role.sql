-- A least-privilege role for the running app on a PostgreSQL server (docs/operations.md). Run it as
-- the database's owner, who also runs the migrations, after every upgrade (new tables need grants):
--   psql "$OWNER_URL" -v app_role=benchboard_app -f scripts/app-role.sql
-- The app then connects as that role. It reads and writes the shop's data, but owns no table: it
-- cannot alter a table, so it cannot lift the triggers that keep the event log, the custody trail
-- and the audit checkpoints append-only, and it is granted no UPDATE, DELETE or TRUNCATE on them.
grant usage on schema public to :"app_role";
grant select, insert, update, delete on all tables in schema public to :"app_role";
grant usage, select on all sequences in schema public to :"app_role";
grant execute on all functions in schema public to :"app_role";
revoke update, delete, truncate on order_events, custody_handoffs, audit_checkpoints, schema_migrations,
	settings_changes
	from :"app_role";
revoke insert on schema_migrations from :"app_role";
-- The seq counter is a row the app updates with every event.
grant update on event_counter to :"app_role";
