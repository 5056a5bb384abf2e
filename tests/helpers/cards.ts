import type { OrderCard } from '../../src/lib/types';

/**
 * A board card for a unit test: order `id` in intake for customer `id`, at location 1 (a shop of
 * one store), with `fields` over it.
 */
export function testCard(id: number, fields: Partial<OrderCard> = {}): OrderCard {
	return {
		id,
		number: `CO-${1000 + id}`,
		title: `Ring ${id}`,
		stage: 'intake',
		orderKey: `a${id}`,
		version: 1,
		dueDate: null,
		rush: false,
		assignee: null,
		customerId: id,
		customerName: `Customer ${id}`,
		customerShortName: `Customer ${id}`,
		pieceType: 'engagement_ring',
		occasion: null,
		stageEnteredAt: '2026-11-20T10:00:00.000Z',
		firstBlocker: null,
		customerStones: 0,
		customerItems: 0,
		intakeLocationId: 1,
		pickupLocationId: 1,
		locationId: 1,
		transitFromId: null,
		transitToId: null,
		transitSince: null,
		...fields
	};
}
