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

	it('is short on a card, and names a place only where the board does not already say it', () => {
		// A board of every location (here = null): every card says where its piece is.
		expect(cardPlaceWords(travelling, locations, null)).toBe('In transit → Workshop');
		expect(cardPlaceWords(atHarbor, locations, null)).toBe('At Harbor');
		expect(cardPlaceWords({ ...atHarbor, locationId: 9 }, locations, null)).toBe(
			'At a closed location'
		);
		// Harbor's board: its own pieces need no line; one of its orders away at the workshop does.
		expect(cardPlaceWords(atHarbor, locations, 3)).toBeNull();
		expect(cardPlaceWords({ ...atHarbor, locationId: 2 }, locations, 3)).toBe('At Workshop');
		expect(cardPlaceWords(travelling, locations, 3)).toBe('In transit → Workshop');
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
