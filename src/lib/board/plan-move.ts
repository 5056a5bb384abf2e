import { BOARD_STAGES, type BoardStage } from '../stages';
import type { OrderCard } from '../types';

/** A move asked for with the keyboard or the Move menu. */
export type MoveAction = 'up' | 'down' | 'previous-stage' | 'next-stage' | BoardStage;

export interface MoveTarget {
	stage: BoardStage;
	/** The card to place it directly after; null for the top of the column. */
	afterId: number | null;
}

/**
 * Where an action takes a card: up or down one place, or to the bottom of another stage (the end of
 * that bench's queue). Null when there is nowhere to go.
 */
export function planMove(
	columns: Record<BoardStage, OrderCard[]>,
	card: OrderCard,
	action: MoveAction
): MoveTarget | null {
	const stage = card.stage as BoardStage;
	const column = columns[stage] ?? [];
	const index = column.findIndex((other) => other.id === card.id);
	if (index < 0) return null;
	if (action === 'up') {
		return index === 0 ? null : { stage, afterId: column[index - 2]?.id ?? null };
	}
	if (action === 'down') {
		return index === column.length - 1 ? null : { stage, afterId: column[index + 1].id };
	}
	let target: BoardStage | undefined = action as BoardStage;
	if (action === 'previous-stage' || action === 'next-stage') {
		target = BOARD_STAGES[BOARD_STAGES.indexOf(stage) + (action === 'next-stage' ? 1 : -1)];
	}
	if (!target || target === stage) return null;
	const destination = columns[target].filter((other) => other.id !== card.id);
	return { stage: target, afterId: destination.at(-1)?.id ?? null };
}
