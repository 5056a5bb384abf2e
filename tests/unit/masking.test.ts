import { describe, expect, it } from 'vitest';
import { maskCard, maskEvent, screenEvent } from '../../src/lib/masking';
import type { OrderCard } from '../../src/lib/types';

const card: OrderCard = {
	id: 7,
	number: 'CO-1007',
	title: 'Emerald engagement ring',
	stage: 'setting',
	orderKey: 'a0',
	version: 3,
	dueDate: '2026-12-01',
	rush: true,
	assignee: 'Elena',
	customerId: 4,
	customerName: "Liam O'Connor",
	customerShortName: 'Liam O.',
	pieceType: 'engagement_ring',
	occasion: 'Proposal on Saturday',
	stageEnteredAt: '2026-11-20T10:00:00.000Z',
	firstBlocker: 'Side stones from the dealer',
	customerStones: 1,
	customerItems: 0,
	intakeLocationId: 1,
	pickupLocationId: 1,
	locationId: 1,
	transitFromId: null,
	transitToId: null,
	transitSince: null
};

describe('what a wall display may show of a customer', () => {
	it('shows a name that came without its short form as nothing, never in full', () => {
		const { customerShortName: _short, ...unmade } = card;
		expect(maskCard(unmade as OrderCard).customerName).toBe('');
	});

	it('masks the name and drops the occasion (a surprise proposal) on a card, and leaves the rest', () => {
		expect(maskCard(card)).toEqual({ ...card, customerName: 'Liam O.', occasion: null });
	});

	it('masks names inside events, before and after, and drops who made the change', () => {
		const masked = maskEvent({
			seq: 9,
			orderId: 7,
			type: 'customer.updated',
			actor: { id: 2, name: 'Priya Shah' },
			at: '2026-11-27T10:00:00.000Z',
			payload: {
				before: { customerName: 'Noah Feldman', customerShortName: 'Noah F.' },
				after: card
			}
		});
		if (masked.type !== 'customer.updated') throw new Error(`became ${masked.type}`);
		expect(JSON.stringify(masked)).not.toContain("O'Connor");
		expect(JSON.stringify(masked)).not.toContain('Feldman');
		expect(JSON.stringify(masked)).not.toContain('Priya');
		expect(JSON.stringify(masked)).not.toContain('Proposal');
		expect(masked.payload.after.customerName).toBe('Liam O.');
		expect(masked.payload.before?.customerName).toBe('Noah F.');
	});
});

describe('what a staff screen receives of an event', () => {
	it('gets the card fields but never the detail, which may hold money or contact details', () => {
		const event = {
			seq: 9,
			orderId: 7,
			type: 'payment.recorded' as const,
			actor: { id: 2, name: 'Sam Ortiz' },
			at: '2026-11-27T10:00:00.000Z',
			payload: {
				before: {},
				after: {},
				detail: { before: null, after: { amountCents: 240000, method: 'card' } }
			}
		};
		const shown = screenEvent(event);
		expect(shown.payload).toEqual({ before: {}, after: {} });
		expect(JSON.stringify(shown)).not.toContain('240000');
		expect(JSON.stringify(maskEvent(event))).not.toContain('240000');
		// The log's copy is untouched.
		expect(event.payload.detail.after.amountCents).toBe(240000);
	});
});
