import { BOARD_STAGES, type BoardStage } from './stages';

/** What one wall display shows, set by the owner for that device. */
export interface DisplayOptions {
	/** The columns shown, in workflow order. */
	stages: BoardStage[];
	/** Inside a column: the board's own order, or the soonest due first. */
	sort: 'manual' | 'due';
	showAssignee: boolean;
	/**
	 * The one location whose work it shows (a TV in the workshop, one in a store), or null: all.
	 * A display limited to one is never sent another location's orders or events.
	 */
	locationId: number | null;
}

export const DEFAULT_DISPLAY_OPTIONS: DisplayOptions = {
	stages: [...BOARD_STAGES],
	sort: 'manual',
	showAssignee: true,
	locationId: null
};

/** Stored options over the defaults; stages always come back in workflow order. */
export function displayOptionsOf(stored: Partial<DisplayOptions> | null): DisplayOptions {
	const stages = BOARD_STAGES.filter((stage) => stored?.stages?.includes(stage) ?? true);
	return {
		stages: stages.length ? stages : [...BOARD_STAGES],
		sort: stored?.sort === 'due' ? 'due' : 'manual',
		showAssignee: stored?.showAssignee ?? true,
		locationId: typeof stored?.locationId === 'number' ? stored.locationId : null
	};
}
