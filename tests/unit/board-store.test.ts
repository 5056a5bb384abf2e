import { describe, expect, it } from 'vitest';
import { DEFAULT_STAGE_THRESHOLDS } from '../../src/lib/aging';
import { BoardStore, CATCH_UP_LIMIT } from '../../src/lib/board/store.svelte';
import type { Board, OrderCard } from '../../src/lib/types';
import type { OrderEvent } from '../../src/lib/events';
import { NO_WIP_LIMITS } from '../../src/lib/wip';
import { testCard } from '../helpers/cards';

const card = (id: number, stage: OrderCard['stage'], orderKey: string, version = 1) =>
	testCard(id, { stage, orderKey, version });

const board = (orders: OrderCard[], seq = 10): Board => ({
	shopName: 'Test Jewelers',
	timeZone: 'UTC',
	today: '2026-11-27',
	seq,
	stageThresholds: DEFAULT_STAGE_THRESHOLDS,
	wipLimits: NO_WIP_LIMITS,
	stageCounts: {
		intake: 0,
		design: 0,
		casting: 0,
		setting: 0,
		polishing: 0,
		inspection: 0,
		ready: 0
	},
	complete: true,
	locations: [],
	transferAlertHours: 24,
	orders
});

const ENTERED = '2026-11-20T10:00:00.000Z';

const moved = (
	seq: number,
	id: number,
	stage: OrderCard['stage'],
	orderKey: string,
	version: number
): OrderEvent<'order.moved'> => ({
	seq,
	orderId: id,
	type: 'order.moved',
	actor: { id: 1, name: 'Shop' },
	at: '2026-11-27T10:00:00.000Z',
	payload: {
		before: { stage: 'intake', orderKey: 'a0', version: version - 1, stageEnteredAt: ENTERED },
		after: { stage, orderKey, version, stageEnteredAt: ENTERED }
	}
});

function setup(
	orders = [card(1, 'intake', 'a0'), card(2, 'intake', 'a1'), card(3, 'design', 'a0')]
) {
	const requests: number[] = [];
	const store = new BoardStore(board(orders), (after) => requests.push(after));
	const ids = (stage: keyof typeof store.columns) => store.columns[stage].map((c) => c.id);
	return { store, requests, ids };
}

describe('the board store', () => {
	it('groups cards by stage in key order', () => {
		const { ids } = setup([
			card(1, 'intake', 'a2'),
			card(2, 'intake', 'a0'),
			card(3, 'setting', 'a0')
		]);
		expect(ids('intake')).toEqual([2, 1]);
		expect(ids('setting')).toEqual([3]);
		expect(ids('design')).toEqual([]);
	});

	it('applies the next event and ignores one it has already seen', () => {
		const { store, requests, ids } = setup();
		store.receive(moved(11, 1, 'design', 'a1', 2));
		store.receive(moved(11, 1, 'design', 'a1', 2));
		store.receive(moved(9, 2, 'casting', 'a0', 2));
		expect(store.seq).toBe(11);
		expect(ids('design')).toEqual([3, 1]);
		expect(ids('intake')).toEqual([2]);
		expect(requests).toEqual([]);
	});

	it('holds events that arrive early, asks for the gap, and applies all in seq order', () => {
		const { store, requests, ids } = setup();
		store.receive(moved(13, 1, 'setting', 'a0', 3));
		store.receive(moved(12, 2, 'design', 'Zz', 2));
		expect(store.seq).toBe(10);
		expect(requests).toEqual([10, 10]);
		expect(ids('intake')).toEqual([1, 2]);
		// The catch-up brings 11 (and 12 again): everything then applies in order, once.
		store.receive(moved(11, 1, 'design', 'a1', 2));
		store.receive(moved(12, 2, 'design', 'Zz', 2));
		expect(store.seq).toBe(13);
		expect(ids('design')).toEqual([2, 3]);
		expect(ids('setting')).toEqual([1]);
		expect(store.confirmed.get(1)!.version).toBe(3);
	});

	it('adds created cards, removes picked-up ones, and takes new keys from a re-keyed column', () => {
		const { store, ids } = setup();
		store.receive({
			seq: 11,
			orderId: 9,
			type: 'order.created',
			actor: { id: 1, name: 'Shop' },
			at: '2026-11-27T10:00:00.000Z',
			payload: { before: null, after: card(9, 'intake', 'a2') }
		});
		const { before, after } = moved(12, 3, 'picked_up', '', 2).payload;
		store.receive({
			...moved(12, 3, 'picked_up', '', 2),
			type: 'order.picked_up',
			payload: { before, after }
		});
		store.receive({
			...moved(13, 9, 'intake', 'a1', 2),
			payload: {
				...moved(13, 9, 'intake', 'a1', 2).payload,
				rekeyed: [
					{ id: 1, orderKey: 'a2' },
					{ id: 2, orderKey: 'a0' }
				]
			}
		});
		expect(ids('intake')).toEqual([2, 9, 1]);
		expect(ids('design')).toEqual([]);
		expect(store.count).toBe(3);
	});

	it('shows a blocker and a new customer name on every card they touch, keeping versions', () => {
		const { store } = setup([
			{ ...card(1, 'intake', 'a0'), customerId: 5 },
			{ ...card(2, 'design', 'a0'), customerId: 5 },
			card(3, 'design', 'a1')
		]);
		store.receive({
			seq: 11,
			orderId: 1,
			type: 'blocker.added',
			actor: { id: 1, name: 'Shop' },
			at: '2026-11-27T10:00:00.000Z',
			payload: {
				before: { firstBlocker: null },
				after: { firstBlocker: 'Center stone from dealer' }
			}
		});
		store.receive({
			seq: 12,
			orderId: null,
			customerId: 5,
			type: 'customer.updated',
			actor: { id: 1, name: 'Shop' },
			at: '2026-11-27T10:01:00.000Z',
			payload: { before: { customerName: 'Customer 1' }, after: { customerName: 'Sofia Berg' } }
		});
		expect(store.seq).toBe(12);
		expect(store.confirmed.get(1)).toMatchObject({
			firstBlocker: 'Center stone from dealer',
			customerName: 'Sofia Berg',
			version: 1
		});
		expect(store.confirmed.get(2)!.customerName).toBe('Sofia Berg');
		expect(store.confirmed.get(3)!.customerName).toBe('Customer 3');
	});

	it('shows a move at once and puts the card back where the server says when it is refused', () => {
		const { store, ids } = setup();
		store.moveLocally(2, 'design', null);
		expect(ids('design')).toEqual([2, 3]);
		expect(ids('intake')).toEqual([1]);
		// Someone else had moved it to casting (version 2): the 409 carries where it really is.
		store.settleMove(2, card(2, 'casting', 'a0', 2));
		expect(ids('design')).toEqual([3]);
		expect(ids('casting')).toEqual([2]);
		// When the event stream catches up with that version, the card stays there.
		store.receive(moved(11, 2, 'casting', 'a0', 2));
		expect(store.pending.get(2)).toBeUndefined();
		expect(ids('casting')).toEqual([2]);
	});

	it('keeps an accepted move in place until its event arrives, and drops it when there was no answer', () => {
		const { store, ids } = setup();
		store.moveLocally(1, 'design', 3);
		store.settleMove(1, card(1, 'design', 'a1', 2));
		expect(ids('design')).toEqual([3, 1]);
		store.receive(moved(11, 1, 'design', 'a1', 2));
		expect(ids('design')).toEqual([3, 1]);
		expect(store.pending.get(1)).toBeUndefined();

		store.moveLocally(2, 'setting', null);
		store.settleMove(2, null);
		expect(ids('intake')).toEqual([2]);
		expect(ids('setting')).toEqual([]);
	});

	it('an answer older than what the stream already applied changes nothing', () => {
		const { store, ids } = setup();
		store.moveLocally(1, 'setting', null);
		store.receive(moved(11, 1, 'casting', 'a0', 2));
		store.receive(moved(12, 1, 'polishing', 'a0', 3));
		store.settleMove(1, card(1, 'casting', 'a0', 2));
		expect(ids('polishing')).toEqual([1]);
		expect(ids('casting')).toEqual([]);
	});

	it(`knows when it is more than ${CATCH_UP_LIMIT} events behind, and a reset takes a new board`, () => {
		const { store, ids } = setup();
		expect(store.tooFarBehind(10 + CATCH_UP_LIMIT)).toBe(false);
		expect(store.tooFarBehind(11 + CATCH_UP_LIMIT)).toBe(true);
		store.receive(moved(5000, 1, 'ready', 'a0', 9));
		store.reset(board([card(1, 'ready', 'a0', 9)], 5000));
		expect(store.seq).toBe(5000);
		expect(ids('ready')).toEqual([1]);
		expect(ids('intake')).toEqual([]);
		store.receive(moved(5001, 1, 'inspection', 'a0', 10));
		expect(ids('inspection')).toEqual([1]);
	});

	it('a board holding only the top of each column counts every order and waits for the whole board before taking events', () => {
		const partial = {
			...board([card(1, 'intake', 'a0')]),
			complete: false,
			stageCounts: { ...board([]).stageCounts, intake: 120, setting: 7 }
		};
		const store = new BoardStore(partial, () => {
			throw new Error('a partial board must not ask for a catch-up');
		});
		expect(store.countIn('intake')).toBe(120);
		expect(store.count).toBe(127);
		store.receive(moved(11, 1, 'design', 'a0', 2));
		expect(store.seq).toBe(10);
		expect(store.columns.intake.map((c) => c.id)).toEqual([1]);
		store.reset(board([card(1, 'intake', 'a0'), card(2, 'setting', 'a0')], 10));
		store.receive(moved(11, 1, 'design', 'a0', 2));
		expect(store.count).toBe(2);
		expect(store.columns.design.map((c) => c.id)).toEqual([1]);
	});

	it('an event lays out again only the columns it touches', () => {
		const { store, ids } = setup([
			card(1, 'intake', 'a0'),
			card(2, 'setting', 'a0'),
			card(3, 'design', 'a0')
		]);
		const setting = store.columns.setting;
		const design = store.columns.design;
		store.receive(moved(11, 1, 'design', 'a1', 2));
		expect(store.columns.setting).toBe(setting);
		expect(store.columns.design).not.toBe(design);
		expect(ids('design')).toEqual([3, 1]);
	});
});

describe('a piece sent between locations', () => {
	it('shows in transit when sent and where it is once received', () => {
		const { store } = setup([card(1, 'setting', 'a0')]);
		const transfer = (
			seq: number,
			type: 'order.transfer_sent' | 'order.transfer_received',
			before: Partial<OrderCard>,
			after: Partial<OrderCard>
		): OrderEvent =>
			({
				seq,
				orderId: 1,
				type,
				actor: { id: 2, name: 'Sam Ortiz' },
				at: '2026-11-27T14:02:00.000Z',
				payload: { before, after }
			}) as OrderEvent;
		const since = '2026-11-27T14:02:00.000Z';
		store.receive(
			transfer(
				11,
				'order.transfer_sent',
				{ locationId: 1, transitFromId: null, transitToId: null, transitSince: null, version: 1 },
				{ locationId: null, transitFromId: 1, transitToId: 2, transitSince: since, version: 2 }
			)
		);
		expect(store.confirmed.get(1)).toMatchObject({
			locationId: null,
			transitToId: 2,
			transitSince: since,
			version: 2
		});
		store.receive(
			transfer(
				12,
				'order.transfer_received',
				{ locationId: null, transitFromId: 1, transitToId: 2, transitSince: since, version: 2 },
				{ locationId: 2, transitFromId: null, transitToId: null, transitSince: null, version: 3 }
			)
		);
		expect(store.confirmed.get(1)).toMatchObject({ locationId: 2, transitToId: null, version: 3 });
	});
});
