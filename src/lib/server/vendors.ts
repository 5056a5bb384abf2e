import type { Vendor } from '../types';
import { newVendorSchema, updateVendorSchema } from '../validation';
import { requirePermission } from './auth/roles';
import type { Sql } from './db';
import { conflict, notFound, parseInput } from './errors';
import type { Actor } from './events';

/** Vendors are the shop's address book (casting houses, dealers...), not part of any order's log. */
export async function listVendors(sql: Sql, actor: Actor): Promise<Vendor[]> {
	requirePermission(actor, 'vendors.read');
	return sql<Vendor[]>`
		select id, name, kind, contact_name, phone, email, notes from vendors order by lower(name)`;
}

function duplicateName(error: unknown, name: string): never {
	if ((error as { code?: string }).code === '23505') {
		throw conflict(`There is already a vendor named ${name}`, null);
	}
	throw error;
}

export async function createVendor(sql: Sql, actor: Actor, input: unknown): Promise<Vendor> {
	requirePermission(actor, 'vendors.manage');
	const data = parseInput(newVendorSchema, input);
	try {
		const [vendor] = await sql<Vendor[]>`
			insert into vendors ${sql(data as Record<string, unknown>)}
			returning id, name, kind, contact_name, phone, email, notes`;
		return vendor;
	} catch (error) {
		duplicateName(error, data.name);
	}
}

export async function updateVendor(
	sql: Sql,
	actor: Actor,
	id: number,
	input: unknown
): Promise<Vendor> {
	requirePermission(actor, 'vendors.manage');
	const data = parseInput(updateVendorSchema, input);
	try {
		const [vendor] = await sql<Vendor[]>`
			update vendors set ${sql(data as Record<string, unknown>)}, updated_at = now()
			where id = ${id}
			returning id, name, kind, contact_name, phone, email, notes`;
		if (!vendor) throw notFound(`Vendor ${id}`);
		return vendor;
	} catch (error) {
		duplicateName(error, data.name ?? '');
	}
}
