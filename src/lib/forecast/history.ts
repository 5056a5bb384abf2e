import { BOARD_STAGES, type BoardStage } from '../stages';
import { MIN_VISITS, type DwellSummary } from './dwell';

/**
 * What the shop's past says about time in each stage, grouped so a forecast can pick the closest
 * history that is large enough: a piece type's rush orders, the piece type, or every piece.
 * It names no order, customer or amount, so any screen that shows the board may hold it.
 */
export interface ForecastHistory {
	/** Keyed by `historyKey`. */
	dwell: Record<string, DwellSummary>;
	/** Orders that reached Ready for pickup, by piece type: how much each type's history says. */
	finished: Record<string, number>;
}

export type HistoryGroup = { pieceType: string; rush: true } | { pieceType: string } | 'all';

export function historyKey(group: HistoryGroup, stage: BoardStage): string {
	if (group === 'all') return `*:${stage}`;
	return 'rush' in group ? `${group.pieceType}+rush:${stage}` : `${group.pieceType}:${stage}`;
}

/** Which history a stage of an order is forecast from, or why there is none. */
export type StageSource =
	| { kind: 'history'; summary: DwellSummary; group: 'rush' | 'type' | 'all' }
	| { kind: 'skipped' }
	| { kind: 'unknown' };

/**
 * The rule, in order:
 * 1. a rush order uses its piece type's rush orders, when they have MIN_VISITS visits of the stage;
 * 2. the piece type's orders (rush or not), when they have MIN_VISITS visits of the stage;
 * 3. a piece type with MIN_VISITS finished orders and no visit at all of the stage skips it (a
 *    plain band has no setting): no time there;
 * 4. every piece's visits of the stage, when there are MIN_VISITS;
 * 5. otherwise the shop has too little history to forecast.
 */
export function stageSource(
	history: ForecastHistory,
	order: { pieceType: string; rush: boolean },
	stage: BoardStage
): StageSource {
	const enough = (summary: DwellSummary | undefined) =>
		summary !== undefined && summary.count >= MIN_VISITS;
	if (order.rush) {
		const rush = history.dwell[historyKey({ pieceType: order.pieceType, rush: true }, stage)];
		if (enough(rush)) return { kind: 'history', summary: rush, group: 'rush' };
	}
	const type = history.dwell[historyKey({ pieceType: order.pieceType }, stage)];
	if (enough(type)) return { kind: 'history', summary: type, group: 'type' };
	if (!type?.count && (history.finished[order.pieceType] ?? 0) >= MIN_VISITS) {
		return { kind: 'skipped' };
	}
	const all = history.dwell[historyKey('all', stage)];
	if (enough(all)) return { kind: 'history', summary: all, group: 'all' };
	return { kind: 'unknown' };
}

/** The stages after `stage` that a piece still goes through before it is ready for pickup. */
export function stagesAfter(stage: BoardStage): BoardStage[] {
	const ready = BOARD_STAGES.indexOf('ready');
	return BOARD_STAGES.slice(BOARD_STAGES.indexOf(stage) + 1, ready);
}
