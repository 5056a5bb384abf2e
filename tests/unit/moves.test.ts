import { describe, expect, it } from 'vitest';
import { planMove } from '../../src/lib/board/plan-move';
import { BOARD_STAGES, type BoardStage } from '../../src/lib/stages';
import type { OrderCard } from '../../src/lib/types';

const card = (id: number, stage: BoardStage) => ({ id, stage }) as OrderCard;
const columns = Object.fromEntries(
	BOARD_STAGES.map((stage) => [stage, [] as OrderCard[]])
) as Record<BoardStage, OrderCard[]>;
columns.intake = [card(1, 'intake'), card(2, 'intake'), card(3, 'intake')];
columns.design = [card(4, 'design')];

describe('keyboard and menu moves', () => {
	it('moves up and down one place within the stage', () => {
		expect(planMove(columns, columns.intake[2], 'up')).toEqual({ stage: 'intake', afterId: 1 });
		expect(planMove(columns, columns.intake[1], 'up')).toEqual({ stage: 'intake', afterId: null });
		expect(planMove(columns, columns.intake[0], 'up')).toBeNull();
		expect(planMove(columns, columns.intake[0], 'down')).toEqual({ stage: 'intake', afterId: 2 });
		expect(planMove(columns, columns.intake[2], 'down')).toBeNull();
	});

	it('sends a card to the bottom of the next, previous or a named stage', () => {
		expect(planMove(columns, columns.intake[0], 'next-stage')).toEqual({
			stage: 'design',
			afterId: 4
		});
		expect(planMove(columns, columns.design[0], 'previous-stage')).toEqual({
			stage: 'intake',
			afterId: 3
		});
		expect(planMove(columns, columns.intake[0], 'previous-stage')).toBeNull();
		expect(planMove(columns, columns.design[0], 'setting')).toEqual({
			stage: 'setting',
			afterId: null
		});
		expect(planMove(columns, columns.design[0], 'design')).toBeNull();
	});
});
