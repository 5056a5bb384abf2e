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
	const [row] = await tx<KnownCustomer[]>`
		select c.id, c.given_name || ' ' || c.family_name as name
		from customers c
		where ${
			digits.length >= 7
				? tx`(reverse(c.phone_digits) like ${reversed(digits) + '%'}
					or (length(c.phone_digits) >= 7 and ${reversed(digits)} like reverse(c.phone_digits) || '%'))`
				: tx`false`
		} or ${email.includes('@') ? tx`lower(c.email) = ${email}` : tx`false`}
		order by c.id
		limit 1`;
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
