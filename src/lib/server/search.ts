import type { Stage } from '../stages';
import type { PieceType } from '../words/vocabulary';
import { searchQuerySchema } from '../validation';
import { can, requirePermission } from './auth/roles';
import { listCustomers, type CustomerSummary } from './customers';
import { steerPlanner, wordPrefixQuery } from './text-search';
import type { Sql } from './db';
import { parseInput } from './errors';
import type { Actor } from './events';
import { readOnly } from './transaction';

export interface OrderHit {
	id: number;
	number: string;
	title: string;
	pieceType: PieceType;
	stage: Stage;
	customerName: string;
	dueDate: string | null;
	/** What matched, in words: "order number", "customer", "phone", "piece", "certificate GIA 123". */
	matched: string;
}

export interface SearchResults {
	orders: OrderHit[];
	customers: CustomerSummary[];
}

/**
 * The header's search: order number, customer name or phone, the piece's title, a stone's
 * certificate number. Each kind of match uses its own index (full text for the beginnings of words,
 * the phone's reversed digits, the certificate's upper case), and open orders come before archived
 * ones. A query
 * with letters searches names and titles; one without searches phones and order numbers.
 */
export async function search(sql: Sql, actor: Actor, query: unknown): Promise<SearchResults> {
	requirePermission(actor, 'orders.read');
	const { q, limit } = parseInput(searchQuerySchema, query);
	const prefixes = wordPrefixQuery(q);
	const digits = q.replace(/\D/g, '');
	// "0142" or "555-0142" is a phone or a number, not a name: each kind of search runs only for
	// queries that could match it, so a counter's typing does not pay for all of them.
	const number = /^(co-?)?\d{1,9}$/i.test(q) ? `CO-${digits}` : null;
	const words = !number && prefixes !== null && /\p{L}/u.test(q);
	const seesContact = can(actor.role, 'customers.contact');
	const orders = await readOnly(sql, async (tx) => {
		await steerPlanner(tx);
		return tx<OrderHit[]>`
		with hits as (
			select order_id as id, 'certificate ' || coalesce(cert_lab || ' ', '') || cert_number as matched,
				0 as rank
			from stones where upper(cert_number) = ${q.toUpperCase()}
			${number ? sql`union all select id, 'order number', 0 from orders where upper(number) like ${number + '%'}` : sql``}
			${
				words
					? sql`union all
						select o.id, 'customer', 1
						from orders o join customers c on c.id = o.customer_id
						where to_tsvector('simple', c.given_name || ' ' || c.family_name)
							@@ to_tsquery('simple', ${prefixes})
						union all
						select id, 'piece', 3 from orders
						where to_tsvector('simple', title) @@ to_tsquery('simple', ${prefixes})`
					: sql``
			}
			${
				seesContact && !words && digits.length >= 4
					? sql`union all
						select o.id, 'phone', 2
						from orders o join customers c on c.id = o.customer_id
						where reverse(c.phone_digits) like ${[...digits].reverse().join('') + '%'}`
					: sql``
			}
		),
		best as (
			select distinct on (id) id, matched, rank from hits order by id, rank
		)
		select o.id, o.number, o.title, o.piece_type, o.stage, o.due_date,
			c.given_name || ' ' || c.family_name as customer_name, best.matched
		from best
		join orders o on o.id = best.id
		join customers c on c.id = o.customer_id
		order by best.rank, o.order_key is null, o.due_date nulls last, o.id desc
		limit ${limit}`;
	});
	const customers = can(actor.role, 'customers.read')
		? await listCustomers(sql, actor, { q, limit: Math.min(limit, 8) })
		: [];
	return { orders, customers };
}
