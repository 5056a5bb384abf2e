import type { z } from 'zod';
import type { newCustomerSchema } from '../validation';
import type { Tx } from './db';
import { invalid } from './errors';

export async function requireCustomer(tx: Tx, id: number): Promise<number> {
	const [row] = await tx<{ id: number }[]>`select id from customers where id = ${id}`;
	if (!row) throw invalid('customer.id', `${id} is not a customer`);
	return row.id;
}

export async function insertCustomer(
	tx: Tx,
	customer: z.output<typeof newCustomerSchema>
): Promise<number> {
	const [row] = await tx<{ id: number }[]>`
		insert into customers ${tx({
			givenName: customer.givenName,
			familyName: customer.familyName,
			phone: customer.phone ?? null,
			email: customer.email ?? null
		})}
		returning id`;
	return row.id;
}
