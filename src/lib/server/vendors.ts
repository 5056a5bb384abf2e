import type { Vendor } from '../types';
import { newVendorSchema, updateVendorSchema } from '../validation';
import { requirePermission } from './auth/roles';
import type { Sql, Tx } from './db';
import { conflict, notFound, parseInput } from './errors';
import type { Actor } from './events';
import { recordSettingsChange } from './settings-trail';
import { transaction } from './transaction';

/**
 * Vendors are the shop's address book (casting houses, dealers...), not part of any order's log:
 * each change is written to the settings trail instead (section `vendor:<id>`), in its own
 * transaction, so the owner can see who changed a dealer's phone and when.
 */
export async function listVendors(sql: Sql, actor: Actor): Promise<Vendor[]> {
	requirePermission(actor, 'vendors.read');
	return sql<Vendor[]>`
		select id, name, kind, contact_name, phone, email, notes from vendors order by lower(name)`;
}

const COLUMNS = ['id', 'name', 'kind', 'contactName', 'phone', 'email', 'notes'] as const;

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
		return await transaction(sql, async (tx) => {
			const [vendor] = await tx<Vendor[]>`
				insert into vendors ${tx(data as Record<string, unknown>)} returning ${tx(COLUMNS)}`;
			// Before it was added, every field was nothing.
			await record(tx, actor, vendor.id, {}, vendor);
			return vendor;
		});
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
		return await transaction(sql, async (tx) => {
			const [before] = await tx<Vendor[]>`
				select ${tx(COLUMNS)} from vendors where id = ${id} for update`;
			if (!before) throw notFound(`Vendor ${id}`);
			const [vendor] = await tx<Vendor[]>`
				update vendors set ${tx(data as Record<string, unknown>)}, updated_at = now()
				where id = ${id} returning ${tx(COLUMNS)}`;
			await record(tx, actor, id, before, vendor);
			return vendor;
		});
	} catch (error) {
		duplicateName(error, data.name ?? '');
	}
}

/** Writes the fields that differ to the trail; the id is in the section, not among the fields. */
function record(tx: Tx, actor: Actor, id: number, before: Partial<Vendor>, after: Vendor) {
	const { id: _id, ...fields } = after;
	return recordSettingsChange(tx, actor, `vendor:${id}`, before, fields);
}
