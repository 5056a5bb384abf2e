import { describe, expect, it } from 'vitest';
import type { LocationSummary } from '../../src/lib/locations';
import {
	cardPlaceWords,
	hoursUnreceived,
	notReceivedWords,
	placeLine
} from '../../src/lib/words/transfers';

const locations: LocationSummary[] = [
	{ id: 1, name: 'Main Street', kind: 'store', archived: false },
	{ id: 2, name: 'Workshop', kind: 'workshop', archived: false },
	{ id: 3, name: 'Harbor', kind: 'store', archived: false }
];
const sent = '2026-12-07T12:00:00.000Z';
const atHarbor = { locationId: 3, transitToId: null, transitSince: null };
const travelling = { locationId: null, transitToId: 2, transitSince: sent };

describe('where the piece is', () => {
	it('reads on the order page with who sent it', () => {
		expect(placeLine(atHarbor, locations, '', null)).toBe('At Harbor');
		expect(placeLine(travelling, locations, '14:02', 'Sam Ortiz')).toBe(
			'In transit to Workshop since 14:02 · sent by Sam Ortiz'
		);
	});

	it('is short on a card, and names a place only on a board of every location', () => {
		expect(cardPlaceWords(travelling, locations, false)).toBe('In transit → Workshop');
		expect(cardPlaceWords(travelling, locations, true)).toBe('In transit → Workshop');
		expect(cardPlaceWords(atHarbor, locations, true)).toBe('At Harbor');
		expect(cardPlaceWords(atHarbor, locations, false)).toBeNull();
		expect(cardPlaceWords({ ...atHarbor, locationId: 9 }, locations, true)).toBe(
			'At a closed location'
		);
	});

	it('flags a transfer not received within the alert hours', () => {
		const at = (iso: string) => new Date(iso);
		expect(hoursUnreceived(travelling, 24, at('2026-12-08T11:59:00.000Z'))).toBeNull();
		expect(hoursUnreceived(travelling, 24, at('2026-12-08T12:00:00.000Z'))).toBe(24);
		expect(hoursUnreceived(travelling, 24, at('2026-12-08T14:30:00.000Z'))).toBe(26);
		expect(hoursUnreceived(atHarbor, 1, at('2026-12-09T00:00:00.000Z'))).toBeNull();
		expect(notReceivedWords(26)).toBe('Not received after 26 hours');
		expect(notReceivedWords(1)).toBe('Not received after 1 hour');
	});
});
