import { BOARD_STAGES, type BoardStage } from './stages';

/**
 * Work-in-progress limits: how many open orders a stage, and a jeweler (an order's assignee, as
 * written on it), should hold at most. A board flags what is over; it never refuses a move.
 */
export interface WipLimits {
	stages: Partial<Record<BoardStage, number>>;
	/** The limit for every jeweler without one of their own; null: none. */
	perJeweler: number | null;
	/** Each jeweler's own limit, by the name on their orders. */
	jewelers: Record<string, number>;
}

/** A limit past any real workshop's load: more is a typing slip. */
export const MAX_WIP_LIMIT = 500;

export const NO_WIP_LIMITS: WipLimits = { stages: {}, perJeweler: null, jewelers: {} };

const isLimit = (value: unknown): value is number =>
	typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_WIP_LIMIT;

/** Stored limits as the app reads them: anything that is not a limit is no limit. */
export function wipLimitsOf(stored: unknown): WipLimits {
	const row = (stored ?? {}) as Partial<Record<keyof WipLimits, unknown>>;
	const stages = (row.stages ?? {}) as Record<string, unknown>;
	const jewelers = (row.jewelers ?? {}) as Record<string, unknown>;
	return {
		stages: Object.fromEntries(
			BOARD_STAGES.filter((s) => isLimit(stages[s])).map((s) => [s, stages[s]])
		),
		perJeweler: isLimit(row.perJeweler) ? row.perJeweler : null,
		jewelers: Object.fromEntries(
			Object.entries(jewelers).filter(([, limit]) => isLimit(limit))
		) as Record<string, number>
	};
}

/** What a wall display is told: the stages' limits; people's only if it shows who does the work. */
export function wipLimitsForDisplay(limits: WipLimits, showAssignee: boolean): WipLimits {
	return showAssignee ? limits : { ...NO_WIP_LIMITS, stages: limits.stages };
}

/** A count against its limit; `over` only past it (at the limit is full, not over). */
export interface Load {
	count: number;
	limit: number | null;
	over: boolean;
}

export function loadOf(count: number, limit: number | null | undefined): Load {
	const set = limit ?? null;
	return { count, limit: set, over: set !== null && count > set };
}

/** A jeweler's limit: their own, else the one for every jeweler. */
export function jewelerLimit(limits: WipLimits, name: string): number | null {
	return limits.jewelers[name] ?? limits.perJeweler;
}

/**
 * Each jeweler named on the open orders given, with how many they hold against their limit,
 * alphabetically. Counted on every open order, not on what a filter shows.
 */
export function jewelerLoads(
	cards: Iterable<{ assignee: string | null }>,
	limits: WipLimits
): (Load & { name: string })[] {
	const counts = new Map<string, number>();
	for (const { assignee } of cards) {
		if (assignee) counts.set(assignee, (counts.get(assignee) ?? 0) + 1);
	}
	return [...counts]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([name, count]) => ({ name, ...loadOf(count, jewelerLimit(limits, name)) }));
}

/** "7 / 5": a count against its limit, as a header shows it. */
export const loadText = ({ count, limit }: Load) =>
	limit === null ? `${count}` : `${count} / ${limit}`;
