import type { SettingsChange, SettingsSection } from '../words/settings-trail';
import { requirePermission } from './auth/roles';
import type { Tx } from './db';
import type { Actor } from './events';
import type { Services } from './services';

/**
 * Every change to the shop's settings (its profile, when orders count as stuck, customer messages,
 * what each wall display shows) is written here in the change's own transaction: who, when, and
 * each field that differs, before and after. The table is append-only (migration 0011).
 * Returns whether anything differed; nothing that differs records nothing.
 */
export async function recordSettingsChange(
	tx: Tx,
	actor: Actor,
	section: SettingsSection,
	beforeChange: object,
	afterChange: object
): Promise<boolean> {
	const before = beforeChange as Record<string, unknown>;
	const after = afterChange as Record<string, unknown>;
	const fields = Object.keys(after).filter(
		(field) => JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null)
	);
	if (fields.length === 0) return false;
	const pick = (values: Record<string, unknown>) =>
		Object.fromEntries(fields.map((field) => [field, values[field] ?? null]));
	await tx`
		insert into settings_changes (actor_id, actor_name, section, before, after)
		values (${actor.id}, ${actor.name}, ${section}, ${tx.json(pick(before) as never)},
			${tx.json(pick(after) as never)})`;
	return true;
}

/**
 * The newest changes to the shop's settings, for the owner; a display's or a vendor's by its name.
 * `only: 'vendors'` lists the changes to the vendors alone, for whoever manages them.
 */
export async function listSettingsChanges(
	services: Services,
	actor: Actor,
	{ limit = 50, only }: { limit?: number; only?: 'vendors' } = {}
): Promise<SettingsChange[]> {
	requirePermission(actor, only === 'vendors' ? 'vendors.manage' : 'shop.manage');
	const sql = services.db.sql;
	const rows = await sql<SettingsChange[]>`
		select c.id::int, c.at, c.actor_name as actor, c.section, c.before, c.after,
			coalesce(d.name, v.name, w.url) as subject
		from settings_changes c
		left join display_devices d on c.section = 'display:' || d.id
		left join vendors v on c.section = 'vendor:' || v.id
		left join webhook_endpoints w on c.section = 'webhook:' || w.id
		${only === 'vendors' ? sql`where c.section like 'vendor:%'` : sql``}
		order by c.id desc limit ${limit}`;
	return rows.map((row) => ({ ...row, at: new Date(row.at).toISOString() }));
}
