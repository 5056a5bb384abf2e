-- Every order has its customer's status link from the day it is taken in, so showing the link (a
-- GET, a printed slip) only reads. Orders from before get one here: 18 random bytes from the
-- server's strong random source (two UUIDs of gen_random_uuid), written as base64url like the app
-- makes them, with the SHA-256 they are found by.
update orders set status_token = made.token,
	status_token_hash = encode(sha256(convert_to(made.token, 'UTF8')), 'hex')
from (
	select id, translate(encode(substring(
		decode(replace(gen_random_uuid()::text, '-', ''), 'hex') ||
		decode(replace(gen_random_uuid()::text, '-', ''), 'hex') from 1 for 18), 'base64'), '+/', '-_')
		as token
	from orders where status_token is null
) as made
where orders.id = made.id;

alter table orders alter column status_token set not null;
alter table orders alter column status_token_hash set not null;
