import { withDefaults, type StageThresholds } from '../aging';
import { stageThresholdsSchema } from '../validation';
import { requirePermission } from './auth/roles';
import type { Sql, Tx } from './db';
import { parseInput } from './errors';
import type { Actor } from './events';
import type { Services } from './services';

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
}

export async function readSettings(q: Sql | Tx): Promise<Settings> {
	const [row] = await q<(Omit<Settings, 'stageThresholds'> & { stageThresholds: unknown })[]>`
		select shop_name, time_zone, currency, locale, demo, stage_thresholds from settings`;
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
	const [row] = await services.db.sql<{ stageThresholds: Record<string, unknown> }[]>`
		update settings set stage_thresholds = stage_thresholds || ${services.db.sql.json(changes)}
		returning stage_thresholds`;
	const stageThresholds = withDefaults(row.stageThresholds);
	services.bus.notifyScreens({ type: 'settings', stageThresholds });
	return stageThresholds;
}
