import type { StageThresholds } from '../../aging';
import type { DisplayOptions } from '../../display-options';
import type { OrderCard } from '../../types';
import type { Load } from '../../wip';

/**
 * A compact row's size on the wall, in em of the display's type (which scales with the screen):
 * the number, the title on two lines at most, and the due date. Every row has the same height, so
 * a condensed column can tell how many fit before it renders them. Full cards take the height of
 * what they say.
 */
export const ROW = { height: 6.25, minWidth: 11, gap: 0.4 } as const;

/** What every card on a display needs besides its order. */
export interface CardContext {
	today: string;
	timeZone: string;
	thresholds: StageThresholds;
	showAssignee: boolean;
	/** A jeweler's load when over their limit (only where the display shows assignees). */
	overLimit?: (assignee: string | null) => Load | null;
}

/** Soonest due first and no due date last; equal dates keep the board's order (sort is stable). */
export function sortForDisplay(cards: OrderCard[], sort: DisplayOptions['sort']): OrderCard[] {
	if (sort === 'manual') return cards;
	return [...cards].sort((a, b) => {
		if (a.dueDate === b.dueDate) return 0;
		if (a.dueDate === null) return 1;
		if (b.dueDate === null) return -1;
		return a.dueDate < b.dueDate ? -1 : 1;
	});
}

export interface Fit {
	columns: number;
	rows: number;
}

/** Before the column is measured (server rendering, first frame): a guess close to a 1080p TV. */
export const UNMEASURED: Fit = { columns: 1, rows: 8 };

export const sameFit = (a: Fit, b: Fit) => a.columns === b.columns && a.rows === b.rows;

/** How many compact rows a column's body holds, in rows and (when the column is wide) side by side. */
export function cardsThatFit(box: { width: number; height: number; em: number }): Fit {
	if (box.width <= 0 || box.height <= 0 || box.em <= 0) return UNMEASURED;
	const gap = ROW.gap * box.em;
	return {
		columns: Math.max(1, Math.floor((box.width + gap) / (ROW.minWidth * box.em + gap))),
		rows: Math.max(1, Math.floor((box.height + gap) / (ROW.height * box.em + gap)))
	};
}

/**
 * Cards new to a column since it was last seen. Many at once means the board was reloaded (after a
 * long time offline), not that pieces arrived: none of those are announced.
 */
export function arrivals(
	before: ReadonlySet<number> | null,
	cards: OrderCard[],
	most = 3
): OrderCard[] {
	if (!before) return [];
	const fresh = cards.filter((card) => !before.has(card.id));
	return fresh.length > most ? [] : fresh;
}

/** Larger type when the owner shows fewer columns: the same TV, seen from the same distance. */
export function zoomFor(columns: number): number {
	return columns <= 3 ? 1.25 : 1;
}
