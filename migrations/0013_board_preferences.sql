-- What each person chose for their own board, kept with them so it follows them to every screen.
alter table users add column board_late_first boolean not null default false;
