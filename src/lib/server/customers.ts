import type postgres from 'postgres';
import type { z } from 'zod';
import type { Customer, Holder, OrderCard } from '../types';
import type { OrderEvent } from '../events';
import type { Stage } from '../stages';
import type { ItemKind, PieceType, WeightUnit } from '../words/vocabulary';
import { CUSTOMER_FIELDS, newCustomerSchema, updateCustomerSchema } from '../validation';
import { can, requirePermission } from './auth/roles';
import { changedFields, runCommand } from './commands';
import type { Sql, Tx } from './db';
import { invalid, notFound, parseInput } from './errors';
import { appendEvent, type Actor } from './events';
import { steerPlanner, wordPrefixQuery } from './text-search';
import type { Services } from './services';
import { readOnly, snapshot } from './transaction';

export interface CustomerSummary extends Customer {
	openOrders: number;
}

export interface CustomerOrder {
	id: number;
	number: string;
	title: string;
	pieceType: PieceType;
	stage: Stage;
	dueDate: string | null;
	createdAt: string;
	updatedAt: string;
}

export interface CustomerProfile {
	customer: Customer;
	/** Open orders first (by due date), then past ones (newest first). */
	orders: CustomerOrder[];
	/** What of theirs the store holds now (their stones among it), and with whom. */
	itemsInStore: InStoreItem[];
}

export interface InStoreItem {
	id: number;
	orderId: number;
	orderNumber: string;
	kind: ItemKind;
	description: string;
	weight: number | null;
	weightUnit: WeightUnit;
	/** Null for roles that may not see money. */
	declaredValueCents: number | null;
	holder: Holder;
	/** When it reached its holder. */
	since: string;
}

/** Rows as a role may see them: bench and display never get contact details. */
function shown(actor: Actor, customer: Customer): Customer {
	const createdAt = new Date(customer.createdAt).toISOString();
	if (can(actor.role, 'customers.contact')) return { ...customer, createdAt };
	return { ...customer, createdAt, phone: null, email: null };
}

const FOR_THE_COUNTER = 'Customer profiles are for the front counter.';

const digitsOf = (text: string) => text.replace(/\D/g, '');

export async function requireCustomer(tx: Tx, id: number): Promise<number> {
	const [row] = await tx<{ id: number }[]>`select id from customers where id = ${id}`;
	if (!row) throw invalid('customer.id', `${id} is not a customer`);
	return row.id;
}

/**
 * A new customer and the first event of their chain, `customer.created`: their details travel in
 * the event's detail, which screens never receive.
 */
export async function insertCustomer(
	tx: Tx,
	actor: Actor,
	customer: z.output<typeof newCustomerSchema>
): Promise<{ id: number; event: OrderEvent }> {
	const [row] = await tx<{ id: number }[]>`
		insert into customers ${tx(customer as Record<string, unknown>)} returning id`;
	const event = await appendEvent(tx, { customerId: row.id }, 'customer.created', actor, {
		before: null,
		after: {},
		detail: { before: null, after: customer }
	});
	return { id: row.id, event };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function summaryQuery(q: Sql, where: postgres.PendingQuery<any>, limit: number, offset = 0) {
	return q<CustomerSummary[]>`
		select c.id, c.given_name, c.family_name, c.phone, c.email, c.preferred_contact, c.ring_sizes,
			c.notifications_off,
			c.notes, c.created_at,
			(select count(*)::int from orders o where o.customer_id = c.id and o.order_key is not null)
				as open_orders
		from customers c
		where ${where}
		order by c.created_at desc, c.id desc
		limit ${limit} offset ${offset}`;
}

/**
 * Customers by the beginnings of their names' words ("oli benn"), the last digits of their phone, or
 * their email; the newest first without a query.
 */
export async function listCustomers(
	sql: Sql,
	actor: Actor,
	options: { q?: string; limit?: number; offset?: number } = {}
): Promise<CustomerSummary[]> {
	requirePermission(actor, 'customers.read', FOR_THE_COUNTER);
	const q = options.q?.trim().toLowerCase() ?? '';
	const digits = digitsOf(q);
	// A name has letters, a phone has none: each query runs only the searches that could match.
	const words = /\p{L}/u.test(q);
	const name = wordPrefixQuery(q);
	const where = !q
		? sql`true`
		: sql`(
				${words && name ? sql`to_tsvector('simple', c.given_name || ' ' || c.family_name) @@ to_tsquery('simple', ${name})` : sql`false`}
				${!words && digits.length >= 3 ? sql`or reverse(c.phone_digits) like ${[...digits].reverse().join('') + '%'}` : sql``}
				${q.includes('@') ? sql`or lower(c.email) = ${q}` : sql``}
			)`;
	const rows = q
		? await readOnly(sql, async (tx) => {
				await steerPlanner(tx);
				return summaryQuery(tx as unknown as Sql, where, options.limit ?? 50, options.offset ?? 0);
			})
		: await summaryQuery(sql, where, options.limit ?? 50, options.offset ?? 0);
	return rows.map((row) => ({ ...shown(actor, row), openOrders: row.openOrders }));
}

/** Customers who already have this phone (same digits) or email: a new one may be a duplicate. */
export async function findDuplicates(
	sql: Sql,
	actor: Actor,
	contact: { phone?: string | null; email?: string | null }
): Promise<CustomerSummary[]> {
	requirePermission(actor, 'customers.read', FOR_THE_COUNTER);
	const digits = digitsOf(contact.phone ?? '');
	const email = contact.email?.trim().toLowerCase() ?? '';
	if (digits.length < 7 && !email.includes('@')) return [];
	const rows = await summaryQuery(
		sql,
		// "+1 555 0134" and "555-0134" are one phone: the shorter must end the longer (7+ digits).
		sql`(${
			digits.length >= 7
				? sql`(reverse(c.phone_digits) like ${[...digits].reverse().join('') + '%'}
						or (length(c.phone_digits) >= 7
							and ${[...digits].reverse().join('')} like reverse(c.phone_digits) || '%'))`
				: sql`false`
		}
			or ${email.includes('@') ? sql`lower(c.email) = ${email}` : sql`false`})`,
		10
	);
	return rows.map((row) => ({ ...shown(actor, row), openOrders: row.openOrders }));
}

export async function getCustomerProfile(
	sql: Sql,
	actor: Actor,
	id: number
): Promise<CustomerProfile> {
	requirePermission(actor, 'customers.read', FOR_THE_COUNTER);
	return snapshot(sql, async (tx) => {
		const [customer] = await tx<Customer[]>`
			select id, given_name, family_name, phone, email, preferred_contact, ring_sizes, notes,
				notifications_off, created_at
			from customers where id = ${id}`;
		if (!customer) throw notFound(`Customer ${id}`);
		const orders = await tx<
			(Omit<CustomerOrder, 'createdAt' | 'updatedAt'> & {
				createdAt: Date;
				updatedAt: Date;
			})[]
		>`
			select id, number, title, piece_type, stage, due_date, created_at, updated_at
			from orders where customer_id = ${id}
			order by order_key is null, case when order_key is not null then due_date end nulls last,
				created_at desc`;
		const items = await tx<(Omit<InStoreItem, 'since'> & { since: Date })[]>`
			select i.id, i.order_id, o.number as order_number, i.kind, i.description, i.weight,
				i.weight_unit, i.declared_value_cents, i.holder,
				(select max(h.at) from custody_handoffs h where h.item_id = i.id) as since
			from customer_items i join orders o on o.id = i.order_id
			where o.customer_id = ${id} and i.returned_at is null
			order by i.checked_in_at, i.id`;
		const seesMoney = can(actor.role, 'money.read');
		return {
			customer: shown(actor, customer),
			orders: orders.map((order) => ({
				...order,
				createdAt: order.createdAt.toISOString(),
				updatedAt: order.updatedAt.toISOString()
			})),
			itemsInStore: items.map((item) => ({
				...item,
				declaredValueCents: seesMoney ? item.declaredValueCents : null,
				since: item.since.toISOString()
			}))
		};
	});
}

export async function createCustomer(
	services: Services,
	actor: Actor,
	input: unknown
): Promise<Customer> {
	requirePermission(actor, 'customers.edit');
	const data = parseInput(newCustomerSchema, input);
	const { result: id } = await runCommand(services, async (tx) => {
		const { id, event } = await insertCustomer(tx, actor, data);
		return { result: id, event };
	});
	return (await getCustomerProfile(services.db.sql, actor, id)).customer;
}

/**
 * Changes a customer's profile, recorded as one event about the customer. A new name travels to
 * every board (it is on their cards); contact details stay in the event's detail.
 */
export async function updateCustomer(
	services: Services,
	actor: Actor,
	id: number,
	input: unknown
): Promise<CustomerProfile> {
	requirePermission(actor, 'customers.edit');
	const data = parseInput(updateCustomerSchema, input);
	await runCommand(services, async (tx) => {
		const [current] = await tx<Record<(typeof CUSTOMER_FIELDS)[number], unknown>[]>`
			select ${tx(CUSTOMER_FIELDS)} from customers where id = ${id} for update`;
		if (!current) throw notFound(`Customer ${id}`);
		const { before, after } = changedFields(current, data, CUSTOMER_FIELDS);
		if (Object.keys(after).length === 0) return { result: null, event: null };
		await tx`update customers set ${tx(after as Record<string, never>)}, updated_at = now() where id = ${id}`;
		const names = async (fields: typeof current) => {
			const [row] = await tx<Pick<OrderCard, 'customerName' | 'customerShortName'>[]>`
				select ${fields.givenName as string} || ' ' || ${fields.familyName as string} as customer_name,
					customer_short_name(${fields.givenName as string}, ${fields.familyName as string})
						as customer_short_name`;
			return row;
		};
		const renamed = 'givenName' in after || 'familyName' in after;
		const event = await appendEvent(tx, { customerId: id }, 'customer.updated', actor, {
			before: renamed ? await names(current) : {},
			after: renamed ? await names({ ...current, ...after }) : {},
			detail: { before, after }
		});
		return { result: null, event };
	});
	return getCustomerProfile(services.db.sql, actor, id);
}
