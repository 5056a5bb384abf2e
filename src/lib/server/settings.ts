import { withDefaults, type StageThresholds } from '../aging';
import { stageThresholdsSchema } from '../validation';
import { requirePermission } from './auth/roles';
import type { Sql, Tx } from './db';
import { parseInput } from './errors';
import type { Actor } from './events';
import type { Services } from './services';
import { recordSettingsChange } from './settings-trail';
import { transaction } from './transaction';

export interface Settings {
	shopName: string;
	timeZone: string;
	currency: string;
	/** How dates, times and amounts are written (BCP 47). */
	locale: string;
	/** Demo orders and demo staff with published passwords: keep it off the network. */
	demo: boolean;
	/** Days in each stage before an order is flagged stuck. */
	stageThresholds: StageThresholds;
	/** Hours after which a piece in transit is flagged as not received. */
	transferAlertHours: number;
}

export async function readSettings(q: Sql | Tx): Promise<Settings> {
	const [row] = await q<(Omit<Settings, 'stageThresholds'> & { stageThresholds: unknown })[]>`
		select shop_name, time_zone, currency, locale, demo, stage_thresholds, transfer_alert_hours
		from settings`;
	if (!row)
		throw new Error('The settings row is missing: was the database set up through startServices?');
	return { ...row, stageThresholds: withDefaults(row.stageThresholds as Record<string, unknown>) };
}

/** A new database takes the server's time zone; the shop can change it later. */
export async function ensureSettings(sql: Sql): Promise<void> {
	const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
	await sql`
		insert into settings (shop_name, time_zone, currency)
		values ('Benchboard Jewelers', ${timeZone}, 'USD')
		on conflict (id) do nothing`;
}

/**
 * Sets how many days an order may sit in some stages before it is flagged stuck; the others keep
 * theirs. Every open screen hears of it at once.
 */
export async function updateStageThresholds(
	services: Services,
	actor: Actor,
	input: unknown
): Promise<StageThresholds> {
	requirePermission(actor, 'settings.manage');
	const changes = parseInput(stageThresholdsSchema, input);
	const { stageThresholds, changed } = await transaction(services.db.sql, async (tx) => {
		const [row] = await tx<{ stageThresholds: Record<string, unknown> }[]>`
			select stage_thresholds from settings for update`;
		const before = withDefaults(row.stageThresholds);
		const after = { ...before, ...changes };
		await tx`update settings set stage_thresholds = ${tx.json(after)}`;
		return {
			stageThresholds: after,
			changed: await recordSettingsChange(tx, actor, 'stuck', before, after)
		};
	});
	if (changed) services.bus.notifyScreens({ type: 'settings', stageThresholds });
	return stageThresholds;
}
