import type { StageThresholds } from '../../aging';
import type { DisplayOptions } from '../../display-options';
import type { OrderCard } from '../../types';

/**
 * A card's size on the wall, in em of the display's type (which scales with the screen): every card
 * has the same height, so a column can tell how many fit before it renders them.
 */
export const CARD = { height: 10.9, minWidth: 13, gap: 0.55 } as const;

/** What every card on a display needs besides its order. */
export interface CardContext {
	today: string;
	timeZone: string;
	thresholds: StageThresholds;
	showAssignee: boolean;
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
export const UNMEASURED: Fit = { columns: 1, rows: 4 };

/** How many cards a column's body holds, in rows and (when the column is wide) side by side. */
export function cardsThatFit(box: { width: number; height: number; em: number }): Fit {
	if (box.width <= 0 || box.height <= 0 || box.em <= 0) return UNMEASURED;
	const gap = CARD.gap * box.em;
	return {
		columns: Math.max(1, Math.floor((box.width + gap) / (CARD.minWidth * box.em + gap))),
		rows: Math.max(1, Math.floor((box.height + gap) / (CARD.height * box.em + gap)))
	};
}

export function pageCount(cards: number, perPage: number): number {
	return Math.max(1, Math.ceil(cards / perPage));
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
