import { describe, expect, it } from 'vitest';
import { DEFAULT_STAGE_THRESHOLDS } from '../../src/lib/aging';
import { BoardStore } from '../../src/lib/board/store.svelte';
import type { Board, OrderCard } from '../../src/lib/types';
import type { OrderEvent } from '../../src/lib/events';
import { NO_WIP_LIMITS } from '../../src/lib/wip';
import { testCard } from '../helpers/cards';

/** Store A is location 1, store B is 2, the workshop is 3. */
const card = testCard;

/** The workshop's wall display: its board at seq 10. */
function workshop(orders: OrderCard[] = [card(1, { locationId: 3 })]) {
	const board: Board = {
		shopName: 'Test Jewelers',
		timeZone: 'UTC',
		today: '2026-11-27',
		seq: 10,
		stageThresholds: DEFAULT_STAGE_THRESHOLDS,
		wipLimits: NO_WIP_LIMITS,
		stageCounts: {
			intake: orders.length,
			design: 0,
			casting: 0,
			setting: 0,
			polishing: 0,
			inspection: 0,
			ready: 0
		},
		complete: true,
		locations: [
			{ id: 1, name: 'Store A', kind: 'store', archived: false },
			{ id: 2, name: 'Store B', kind: 'store', archived: false },
			{ id: 3, name: 'Workshop', kind: 'workshop', archived: false }
		],
		transferAlertHours: 24,
		limitedTo: 3,
		orders
	};
	const catchUps: number[] = [];
	const store = new BoardStore(board, (after) => catchUps.push(after));
	return { store, catchUps };
}

const updated = (
	seq: number,
	prevSeq: number,
	id: number,
	after: Partial<OrderCard>,
	before: Partial<OrderCard> = {}
): OrderEvent =>
	({
		seq,
		prevSeq,
		orderId: id,
		type: 'order.updated',
		actor: { id: 0, name: '' },
		at: '2026-11-27T10:00:00.000Z',
		payload: { before, after }
	}) as OrderEvent;

describe("a wall display limited to one location (its seqs have other locations' holes)", () => {
	it("applies an event whose location had nothing since the screen's seq, though seqs were skipped", () => {
		const { store, catchUps } = workshop();
		store.receive(updated(14, 10, 1, { title: 'Halo ring', version: 2 }));
		expect(store.confirmed.get(1)?.title).toBe('Halo ring');
		expect(store.seq).toBe(14);
		expect(catchUps).toEqual([]);
	});

	it('keeps an event that follows one it missed, catches up, and applies it after', () => {
		const { store, catchUps } = workshop();
		const later = updated(16, 14, 1, { title: 'Halo ring', version: 3 });
		store.receive(later);
		expect(store.confirmed.get(1)?.title).toBe('Ring 1');
		expect(catchUps).toEqual([10]);
		// The catch-up page brings the missed one (its prevSeq is the page's `after`)...
		store.receive(updated(14, 10, 1, { rush: true, version: 2 }));
		// ...and the one kept waits no more.
		expect(store.confirmed.get(1)).toMatchObject({ rush: true, title: 'Halo ring', version: 3 });
		expect(store.seq).toBe(16);
	});

	it('a duplicate changes nothing', () => {
		const { store } = workshop();
		store.receive(updated(14, 10, 1, { title: 'Halo ring', version: 2 }));
		store.receive(updated(14, 10, 1, { title: 'Something else', version: 2 }));
		expect(store.confirmed.get(1)?.title).toBe('Halo ring');
	});

	it('a catch-up page moves the seq to how far it read, so later events apply', () => {
		const { store, catchUps } = workshop();
		store.readThrough(30);
		expect(store.seq).toBe(30);
		store.receive(updated(35, 28, 1, { title: 'Halo ring', version: 2 }));
		expect(store.confirmed.get(1)?.title).toBe('Halo ring');
		expect(catchUps).toEqual([]);
	});

	it('shows an order sent here from a store (the event carries its whole card)', () => {
		const { store } = workshop();
		const arriving = card(2, { locationId: null, transitFromId: 1, transitToId: 3, version: 2 });
		store.receive(updated(12, 10, 2, arriving, { locationId: 1, transitToId: null }));
		expect(store.confirmed.get(2)).toEqual(arriving);
		expect(store.columns.intake.map((shown) => shown.id)).toEqual([1, 2]);
	});

	it('takes off an order that no longer belongs here (sent back to its store)', () => {
		const { store } = workshop();
		store.receive(
			updated(12, 10, 1, card(1, { locationId: null, transitFromId: 3, transitToId: 1 }), {
				locationId: 3
			})
		);
		expect(store.confirmed.has(1)).toBe(false);
		expect(store.columns.intake).toEqual([]);
	});

	it('does not take in a partial change of an order it does not show', () => {
		const { store } = workshop();
		store.receive(updated(12, 10, 2, { title: 'Not here', version: 2 }));
		expect(store.confirmed.has(2)).toBe(false);
		expect(store.seq).toBe(12);
	});

	it('does not show an order that arrived here after it was picked up (its whole card is off the board)', () => {
		const { store } = workshop();
		const gone = card(2, { locationId: 3, stage: 'picked_up', orderKey: null, version: 5 });
		store.receive(updated(12, 10, 2, gone, { locationId: 1 }));
		expect(store.confirmed.has(2)).toBe(false);
		expect(store.count).toBe(1);
	});
});
