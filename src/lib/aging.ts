import { daysUntil, todayIn } from './due';
import { BOARD_STAGES, isBoardStage, type BoardStage, type Stage } from './stages';

/** Days an order may sit in each stage before the board flags it "stuck". */
export type StageThresholds = Record<BoardStage, number>;

export const DEFAULT_STAGE_THRESHOLDS: StageThresholds = {
	intake: 3,
	design: 10,
	casting: 7,
	setting: 5,
	polishing: 3,
	inspection: 2,
	ready: 14
};

/** Stored thresholds over the defaults: a stage missing from the row keeps its default. */
export function withDefaults(stored: Partial<Record<string, unknown>> | null): StageThresholds {
	const thresholds = { ...DEFAULT_STAGE_THRESHOLDS };
	for (const stage of BOARD_STAGES) {
		const value = stored?.[stage];
		if (typeof value === 'number' && Number.isInteger(value) && value > 0)
			thresholds[stage] = value;
	}
	return thresholds;
}

/**
 * Whole calendar days in the current stage, counted in the shop's time zone: an order that entered
 * Casting at 17:00 yesterday has been there 1 day this morning, whatever the server's clock says.
 */
export function daysInStage(stageEnteredAt: string, today: string, timeZone: string): number {
	const entered = todayIn(timeZone, new Date(stageEnteredAt));
	return Math.max(0, daysUntil(today, entered));
}

/** Longer in its stage than the stage allows. Archived orders are never stuck. */
export function isStuck(
	order: { stage: Stage; stageEnteredAt: string },
	thresholds: StageThresholds,
	today: string,
	timeZone: string
): boolean {
	if (!isBoardStage(order.stage)) return false;
	return daysInStage(order.stageEnteredAt, today, timeZone) > thresholds[order.stage];
}

/** "Today", "1 day", "12 days": how long a card has been where it is. */
export function daysInStageLabel(days: number): string {
	if (days === 0) return 'Today';
	return days === 1 ? '1 day' : `${days} days`;
}
