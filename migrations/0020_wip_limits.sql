-- Work-in-progress limits: how many open orders a stage, and each jeweler, should hold at most.
-- None by default; set by the owner or a manager. A board flags a column or a person over the
-- limit and never refuses a move.
-- { "stages": { "design": 5 }, "perJeweler": 4, "jewelers": { "Priya": 6 } }: a jeweler's own
-- limit overrides the one for every jeweler; a stage or a person not named has no limit.
alter table settings add column wip_limits jsonb not null default '{}';
