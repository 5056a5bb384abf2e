import { describe, expect, it } from 'vitest';
import { DEFAULT_STAGE_THRESHOLDS } from '../../src/lib/aging';
import { BoardStore } from '../../src/lib/board/store.svelte';
import { BoardWip } from '../../src/lib/board/wip.svelte';
import type { OrderEvent } from '../../src/lib/events';
import type { OrderCard } from '../../src/lib/types';
import type { WipLimits } from '../../src/lib/wip';

const card = (id: number, stage: OrderCard['stage'], orderKey: string, assignee: string | null) =>
	({ id, stage, orderKey, version: 1, assignee, stageEnteredAt: ENTERED }) as OrderCard;
const ENTERED = '2026-11-20T10:00:00.000Z';
const limits: WipLimits = { stages: { design: 2 }, perJeweler: 2, jewelers: {} };

function setup(complete = true) {
	const orders = [
		card(1, 'intake', 'a0', 'Luis'),
		card(2, 'intake', 'a1', 'Luis'),
		card(3, 'design', 'a0', 'Priya'),
		card(4, 'design', 'a1', 'Luis')
	];
	const counts = { intake: 2, design: 2, casting: 0, setting: 0, polishing: 0, inspection: 0 };
	const store = new BoardStore(
		{
			shopName: 'Test',
			timeZone: 'UTC',
			today: '2026-11-27',
			seq: 10,
			stageThresholds: DEFAULT_STAGE_THRESHOLDS,
			wipLimits: limits,
			stageCounts: { ...counts, ready: 0 },
			complete,
			locations: [],
			transferAlertHours: 24,
			orders: complete ? orders : orders.slice(0, 1)
		},
		() => {}
	);
	return { store, wip: new BoardWip(store) };
}

const moved = (seq: number, id: number, stage: OrderCard['stage']): OrderEvent<'order.moved'> => ({
	seq,
	orderId: id,
	type: 'order.moved',
	actor: { id: 1, name: 'Shop' },
	at: '2026-11-27T10:00:00.000Z',
	payload: {
		before: { stage: 'intake', orderKey: 'a0', version: 1, stageEnteredAt: ENTERED },
		after: { stage, orderKey: 'a2', version: 2, stageEnteredAt: ENTERED }
	}
});

describe("the board's work in progress", () => {
	it('a column goes over its limit as a card moves in, at once and again when the move is confirmed', () => {
		const { store, wip } = setup();
		expect(wip.stage('design')).toEqual({ count: 2, limit: 2, over: false });
		expect(wip.stage('intake')).toEqual({ count: 2, limit: null, over: false });

		store.moveLocally(1, 'design', 4);
		expect(wip.stage('design')).toEqual({ count: 3, limit: 2, over: true });
		store.settleMove(1, null);
		expect(wip.stage('design').over).toBe(false);

		store.receive(moved(11, 1, 'design'));
		expect(wip.stage('design')).toEqual({ count: 3, limit: 2, over: true });
	});

	it('a jeweler over their limit is flagged, and a new limit applies at once', () => {
		const { store, wip } = setup();
		expect(wip.over).toEqual([{ name: 'Luis', count: 3, limit: 2, over: true }]);
		expect(wip.overLimit('Luis')).toMatchObject({ count: 3, limit: 2, over: true });
		expect(wip.overLimit('Priya')).toBeNull();
		expect(wip.overLimit(null)).toBeNull();

		store.wipLimits = { ...limits, jewelers: { Luis: 3 } };
		expect(wip.over).toEqual([]);
		expect(wip.overLimit('Luis')).toBeNull();
		store.wipLimits = { stages: { design: 1 }, perJeweler: null, jewelers: {} };
		expect(wip.stage('design').over).toBe(true);
	});

	it("counts a column's full count before the board is loaded, but no one's load", () => {
		const { wip } = setup(false);
		expect(wip.stage('design')).toEqual({ count: 2, limit: 2, over: false });
		expect(wip.people).toEqual([]);
	});
});
