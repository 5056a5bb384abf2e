import { wipLimitsSchema } from '../validation';
import { BOARD_STAGES } from '../stages';
import { displayOptionsOf, type DisplayOptions } from '../display-options';
import { wipLimitsForDisplay, wipLimitsOf, type WipLimits } from '../wip';
import { requirePermission } from './auth/roles';
import type { Sql, Tx } from './db';
import { parseInput } from './errors';
import type { Actor } from './events';
import type { Services } from './services';
import { recordSettingsChange } from './settings-trail';
import { transaction } from './transaction';

export async function readWipLimits(q: Sql | Tx): Promise<WipLimits> {
	const [row] = await q<{ wipLimits: unknown }[]>`select wip_limits from settings`;
	return wipLimitsOf(row?.wipLimits);
}

/** The limits any screen of the shop may read (a wall display reads the stages' from its board). */
export async function getWipLimits(sql: Sql, actor: Actor): Promise<WipLimits> {
	requirePermission(actor, 'orders.read');
	return readWipLimits(sql);
}

/**
 * The limits as the settings trail keeps them: one field per limit ("stage:design", "perJeweler",
 * "jeweler:Priya"), each on both sides so that a removed limit reads "from 5 to (none)".
 */
function trailFields(before: WipLimits, after: WipLimits) {
	const flat = (limits: WipLimits): Record<string, number | null> => ({
		...Object.fromEntries(
			BOARD_STAGES.map((stage) => [`stage:${stage}`, limits.stages[stage] ?? null])
		),
		perJeweler: limits.perJeweler,
		...Object.fromEntries(
			Object.entries(limits.jewelers).map(([name, n]) => [`jeweler:${name}`, n])
		)
	});
	const [b, a] = [flat(before), flat(after)];
	for (const field of Object.keys(b)) a[field] ??= null;
	return { before: b, after: a };
}

/**
 * Sets some of the limits (null removes one); the others stay. Recorded in the settings trail,
 * and every open board and display hears of it at once.
 */
export async function updateWipLimits(
	services: Services,
	actor: Actor,
	input: unknown
): Promise<WipLimits> {
	requirePermission(
		actor,
		'settings.manage',
		'Only the owner or a manager sets work-in-progress limits'
	);
	const change = parseInput(wipLimitsSchema, input);
	const { limits, changed } = await transaction(services.db.sql, async (tx) => {
		const [row] = await tx<{ wipLimits: unknown }[]>`select wip_limits from settings for update`;
		const before = wipLimitsOf(row.wipLimits);
		const after = wipLimitsOf({
			stages: { ...before.stages, ...change.stages },
			perJeweler: change.perJeweler === undefined ? before.perJeweler : change.perJeweler,
			jewelers: { ...before.jewelers, ...change.jewelers }
		});
		await tx`update settings set wip_limits = ${tx.json(after as never)}`;
		const trail = trailFields(before, after);
		return {
			limits: after,
			changed: await recordSettingsChange(tx, actor, 'wip', trail.before, trail.after)
		};
	});
	if (changed) services.bus.notifyScreens({ type: 'wip', limits });
	return limits;
}

/** The limits one screen may know: a wall display knows people's only if it shows who does the work. */
export async function readWipLimitsFor(q: Sql | Tx, actor: Actor): Promise<WipLimits> {
	const limits = await readWipLimits(q);
	if (actor.role !== 'display') return limits;
	// A display token is no display device: it gets what a display shows by default.
	const [row] =
		actor.tokenId === undefined
			? await q<{ options: Partial<DisplayOptions> | null }[]>`
				select options from display_devices where id = ${actor.id}`
			: [];
	return wipLimitsForDisplay(limits, displayOptionsOf(row?.options ?? null).showAssignee);
}

/** The names on open orders and those with a limit of their own, for the settings form. */
export async function listJewelerNames(sql: Sql, limits: WipLimits): Promise<string[]> {
	const rows = await sql<{ assignee: string }[]>`
		select distinct assignee from orders where order_key is not null and assignee is not null`;
	const names = new Set([...rows.map((row) => row.assignee), ...Object.keys(limits.jewelers)]);
	return [...names].sort((a, b) => a.localeCompare(b));
}
