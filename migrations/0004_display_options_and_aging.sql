-- The wall display's per-device options, and how long an order may sit in a stage before the
-- board calls it stuck.

-- { "stages": [...board stages shown], "sort": "manual" | "due", "showAssignee": true }; an empty
-- object means the defaults (every stage, manual order, assignee shown).
alter table display_devices add column options jsonb not null default '{}';

-- Days in a stage after which an order is "stuck", per stage. Set by the owner or a manager.
alter table settings add column stage_thresholds jsonb not null default
	'{"intake": 3, "design": 10, "casting": 7, "setting": 5, "polishing": 3, "inspection": 2, "ready": 14}';
