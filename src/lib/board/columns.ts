import { compareKeys } from './order-key';
import { BOARD_STAGES, isBoardStage, type BoardStage } from '../stages';
import type { OrderCard } from '../types';

/**
 * Open cards kept sorted by key in one array per stage, updated in place: a change touches only its
 * stages (found by binary search), never a re-sort of the whole board.
 */
export class SortedColumns {
	#byStage = emptyColumns();

	of(stage: BoardStage): readonly OrderCard[] {
		return this.#byStage[stage];
	}

	/** Lays every column out anew. */
	reset(cards: Iterable<OrderCard>): void {
		this.#byStage = emptyColumns();
		for (const card of cards) if (onBoard(card)) this.#byStage[card.stage as BoardStage].push(card);
		for (const stage of BOARD_STAGES) this.#byStage[stage].sort(byKey);
	}

	/** Replaces `before` (if any) with `after` (if on the board); returns the stages that changed. */
	replace(before: OrderCard | undefined, after: OrderCard | undefined): BoardStage[] {
		const touched = new Set<BoardStage>();
		if (before && onBoard(before)) {
			const column = this.#byStage[before.stage as BoardStage];
			const index = column.findIndex((card) => card.id === before.id);
			if (index >= 0) {
				column.splice(index, 1);
				touched.add(before.stage as BoardStage);
			}
		}
		if (after && onBoard(after)) {
			const column = this.#byStage[after.stage as BoardStage];
			column.splice(insertionPoint(column, after.orderKey!), 0, after);
			touched.add(after.stage as BoardStage);
		}
		return [...touched];
	}
}

function emptyColumns(): Record<BoardStage, OrderCard[]> {
	return Object.fromEntries(BOARD_STAGES.map((stage) => [stage, []])) as unknown as Record<
		BoardStage,
		OrderCard[]
	>;
}

function onBoard(card: OrderCard): boolean {
	return isBoardStage(card.stage) && card.orderKey !== null;
}

const byKey = (a: OrderCard, b: OrderCard) => compareKeys(a.orderKey!, b.orderKey!);

function insertionPoint(column: OrderCard[], key: string): number {
	let low = 0;
	let high = column.length;
	while (low < high) {
		const mid = (low + high) >> 1;
		if (compareKeys(column[mid].orderKey!, key) < 0) low = mid + 1;
		else high = mid;
	}
	return low;
}
