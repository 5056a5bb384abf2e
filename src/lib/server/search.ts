import type { Stage } from '../stages';
import type { PieceType } from '../vocabulary';
import { searchQuerySchema } from '../validation';
import { can, requirePermission } from './auth/roles';
import { likeEscape, listCustomers, type CustomerSummary } from './customers';
import type { Sql } from './db';
import { parseInput } from './errors';
import type { Actor } from './events';

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
 * certificate number. Each kind of match uses its own index (trigram for "contains", the phone's
 * digits, the certificate's upper case), and open orders come before archived ones.
 */
export async function search(sql: Sql, actor: Actor, query: unknown): Promise<SearchResults> {
	requirePermission(actor, 'orders.read');
	const { q, limit } = parseInput(searchQuerySchema, query);
	const text = q.toLowerCase();
	const contains = `%${likeEscape(text)}%`;
	const digits = q.replace(/\D/g, '');
	const seesContact = can(actor.role, 'customers.contact');
	const number = /^(co-?)?\d+$/i.test(q) ? `CO-${digits}` : null;
	const orders = await sql<OrderHit[]>`
		with hits as (
			${number ? sql`select id, 'order number' as matched, 0 as rank from orders where upper(number) like ${number + '%'} union all` : sql``}
			select o.id, 'customer' as matched, 1 as rank
				from orders o join customers c on c.id = o.customer_id
				where lower(c.given_name || ' ' || c.family_name) like ${contains}
			${
				seesContact && digits.length >= 4
					? sql`union all select o.id, 'phone' as matched, 2 as rank
						from orders o join customers c on c.id = o.customer_id
						where c.phone_digits like ${'%' + digits + '%'}`
					: sql``
			}
			union all
			select id, 'piece' as matched, 3 as rank from orders where lower(title) like ${contains}
			union all
			select order_id as id, 'certificate ' || coalesce(cert_lab || ' ', '') || cert_number as matched, 0 as rank
				from stones where upper(cert_number) = ${q.toUpperCase()}
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
	const customers = can(actor.role, 'customers.read')
		? await listCustomers(sql, actor, { q, limit: Math.min(limit, 8) })
		: [];
	return { orders, customers };
}
