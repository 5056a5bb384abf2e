import type { Sql, Tx } from '../db';

const digitsOf = (text: string | null) => (text ?? '').replace(/\D/g, '');
const reversed = (text: string) => [...text].reverse().join('');

export interface KnownCustomer {
	id: number;
	name: string;
}

/**
 * The customer who already has this phone (the same last 7+ digits, as the intake form's
 * duplicate check reads it) or email: an imported row's order goes to them, not to a copy.
 */
export async function matchCustomer(
	tx: Tx,
	contact: { phone: string | null; email: string | null }
): Promise<KnownCustomer | null> {
	const digits = digitsOf(contact.phone);
	const email = contact.email?.trim().toLowerCase() ?? '';
	if (digits.length < 7 && !email.includes('@')) return null;
	const key = reversed(digits);
	// Three lookups an index answers each (an OR of them would read every customer, per row):
	// a phone that ends with these digits, a phone these digits end with, the same email.
	const suffixes = Array.from({ length: Math.max(0, digits.length - 6) }, (_, i) =>
		digits.slice(i)
	);
	const [row] = await tx<KnownCustomer[]>`
		select id, given_name || ' ' || family_name as name from customers where id = (
			select min(id) from (
				select id from customers
				where ${digits.length >= 7} and reverse(phone_digits) ~>=~ ${key}
					and reverse(phone_digits) ~<~ ${key + ':'}
				union all
				select id from customers where phone_digits = any(${suffixes})
				union all
				select id from customers where ${email.includes('@')} and lower(email) = ${email}
			) found)`;
	return row ?? null;
}

/**
 * The same check for a whole file at once (a preview of 10,000 rows): every customer's phone
 * digits and email, read once, then looked up in memory.
 */
export async function customerIndex(tx: Sql | Tx) {
	const rows = await tx<
		{ id: number; name: string; phoneDigits: string | null; email: string | null }[]
	>`
		select id, given_name || ' ' || family_name as name, phone_digits, lower(email) as email
		from customers order by id`;
	const byEmail = new Map<string, KnownCustomer>();
	const bySuffix = new Map<string, { digits: string; customer: KnownCustomer }[]>();
	for (const row of rows) {
		const customer = { id: row.id, name: row.name };
		if (row.email && !byEmail.has(row.email)) byEmail.set(row.email, customer);
		if (row.phoneDigits && row.phoneDigits.length >= 7) {
			const key = row.phoneDigits.slice(-7);
			bySuffix.set(key, [...(bySuffix.get(key) ?? []), { digits: row.phoneDigits, customer }]);
		}
	}
	return (contact: { phone: string | null; email: string | null }): KnownCustomer | null => {
		const digits = digitsOf(contact.phone);
		const email = contact.email?.trim().toLowerCase() ?? '';
		if (digits.length >= 7) {
			const found = (bySuffix.get(digits.slice(-7)) ?? []).find(
				(known) => known.digits.endsWith(digits) || digits.endsWith(known.digits)
			);
			if (found) return found.customer;
		}
		return (email.includes('@') && byEmail.get(email)) || null;
	};
}
