import { describe, expect, it } from 'vitest';
import {
	fullWhen,
	historyCsv,
	historySentence,
	kindOf,
	shortWhen,
	stoneName,
	type HistoryEntry
} from '../../src/lib/history-words';

const words = { currency: 'USD', today: '2025-12-10' };

function entry(fields: Partial<HistoryEntry> & Pick<HistoryEntry, 'type'>): HistoryEntry {
	return {
		seq: 1,
		at: '2025-12-09T14:02:00Z',
		actor: 'Sam Ortiz',
		kind: 'details',
		before: {},
		after: {},
		detail: null,
		...fields
	};
}

const center = { role: 'center', source: 'store', gem: 'Diamond', count: 1, carats: 0.9 } as const;

describe('a history entry in words', () => {
	it.each<[string, HistoryEntry]>([
		['Sam Ortiz created the order', entry({ type: 'order.created', before: null })],
		[
			'Morgan Lee moved it from Casting to Setting',
			entry({
				type: 'order.moved',
				actor: 'Morgan Lee',
				before: { stage: 'casting', version: 4 },
				after: { stage: 'setting', version: 5 }
			})
		],
		[
			'Morgan Lee moved it within Casting',
			entry({
				type: 'order.moved',
				actor: 'Morgan Lee',
				before: { stage: 'casting' },
				after: { stage: 'casting' }
			})
		],
		[
			'Avery Stone changed the due date from Fri 12 Dec to Mon 15 Dec',
			entry({
				type: 'order.updated',
				actor: 'Avery Stone',
				before: { dueDate: '2025-12-12', version: 2 },
				after: { dueDate: '2025-12-15', version: 3 }
			})
		],
		[
			'Avery Stone set the due date to Thu, 14 Jan 2027, marked it rush and changed the metal from 14k yellow gold to platinum',
			entry({
				type: 'order.updated',
				actor: 'Avery Stone',
				before: { dueDate: null, rush: false, version: 2 },
				after: { dueDate: '2027-01-14', rush: true, version: 3 },
				detail: { before: { metal: '14k yellow gold' }, after: { metal: 'platinum' } }
			})
		],
		[
			'Sam Ortiz changed the design notes and changed the quoted price from $1,650.00 to $1,700.00',
			entry({
				type: 'order.updated',
				after: { version: 3 },
				detail: {
					before: { quotedPriceCents: 165000, designNotes: 'Bezel' },
					after: { quotedPriceCents: 170000, designNotes: 'Bezel, knife-edge shank' }
				}
			})
		],
		[
			'Sam Ortiz assigned it to Elena Novak',
			entry({
				type: 'order.updated',
				before: { assignee: null },
				after: { assignee: 'Elena Novak' }
			})
		],
		[
			'Elena Novak marked the center stone (Diamond, 0.9 ct) set',
			entry({
				type: 'stone.updated',
				actor: 'Elena Novak',
				detail: { before: { id: 7, state: 'received' }, after: { id: 7, state: 'set' } },
				subject: center
			})
		],
		[
			"Sam Ortiz returned the customer's center stone (Diamond, 1.05 ct) to the customer",
			entry({
				type: 'stone.updated',
				detail: { before: { id: 7, state: 'set' }, after: { id: 7, state: 'returned' } },
				subject: { ...center, source: 'customer', carats: 1.05 }
			})
		],
		[
			'Sam Ortiz changed the center stone (Diamond, 0.9 ct): colour G → F, clarity none → VVS2',
			entry({
				type: 'stone.updated',
				detail: {
					before: { id: 7, colour: 'G', clarity: null },
					after: { id: 7, colour: 'F', clarity: 'VVS2' }
				},
				subject: center
			})
		],
		[
			"Sam Ortiz added the customer's center stone (Diamond, 0.9 ct), declared at $4,500.00",
			entry({
				type: 'stone.added',
				detail: {
					before: null,
					after: {
						id: 7,
						role: 'center',
						source: 'customer',
						gem: 'Diamond',
						count: 1,
						carats: 0.9,
						declaredValueCents: 450000
					}
				}
			})
		],
		[
			'Sam Ortiz removed the melee (Diamond, 24 stones, 0.48 ct total)',
			entry({
				type: 'stone.removed',
				subject: { role: 'melee', source: 'store', gem: 'Diamond', count: 24, carats: 0.48 }
			})
		],
		[
			'Sam Ortiz recorded a deposit of $2,800.00 (card)',
			entry({
				type: 'payment.recorded',
				detail: {
					before: null,
					after: { id: 3, kind: 'deposit', amountCents: 280000, method: 'card' }
				}
			})
		],
		[
			'Sam Ortiz recorded a refund of $100.00 (bank transfer)',
			entry({
				type: 'payment.recorded',
				detail: {
					before: null,
					after: { id: 4, kind: 'refund', amountCents: 10000, method: 'bank_transfer' }
				}
			})
		],
		// What a bench jeweler receives: the payment without its detail.
		['Sam Ortiz recorded a payment', entry({ type: 'payment.recorded', detail: null })],
		[
			'Elena Novak added a blocker: Side stones from dealer',
			entry({
				type: 'blocker.added',
				actor: 'Elena Novak',
				after: { firstBlocker: 'Side stones from dealer' },
				detail: { before: null, after: { id: 2, description: 'Side stones from dealer' } }
			})
		],
		[
			'Elena Novak resolved: Side stones from dealer',
			entry({
				type: 'blocker.resolved',
				actor: 'Elena Novak',
				detail: {
					before: { id: 2, description: 'Side stones from dealer' },
					after: { id: 2, description: 'Side stones from dealer', resolvedAt: '2025-12-09' }
				}
			})
		],
		[
			'Elena Novak added a photo (IMG_2041.jpg)',
			entry({
				type: 'attachment.added',
				actor: 'Elena Novak',
				detail: {
					before: null,
					after: { id: 1, kind: 'progress', mediaType: 'image/jpeg', fileName: 'IMG_2041.jpg' }
				}
			})
		],
		[
			'Avery Stone removed a document (quote.pdf)',
			entry({
				type: 'attachment.removed',
				actor: 'Avery Stone',
				detail: { before: { id: 1, kind: 'reference', fileName: 'quote.pdf' }, after: null }
			})
		],
		[
			'Sam Ortiz sent it to Pacific Casting House: Resin print (expected back Fri 12 Dec, cost $180.00)',
			entry({
				type: 'vendor_job.added',
				detail: {
					before: null,
					after: {
						id: 5,
						vendorId: 2,
						description: 'Resin print',
						sentOn: '2025-12-08',
						expectedOn: '2025-12-12',
						receivedOn: null,
						costCents: 18000
					}
				},
				subject: { vendorName: 'Pacific Casting House', description: 'Resin print' }
			})
		],
		[
			'Sam Ortiz got it back from Pacific Casting House: Resin print',
			entry({
				type: 'vendor_job.updated',
				detail: { before: { id: 5, receivedOn: null }, after: { id: 5, receivedOn: '2025-12-11' } },
				subject: { vendorName: 'Pacific Casting House', description: 'Resin print' }
			})
		],
		[
			"Sam Ortiz changed the customer's phone",
			entry({
				type: 'customer.updated',
				detail: { before: { phone: '555-0101' }, after: { phone: '555-0199' } }
			})
		],
		[
			'Sam Ortiz renamed the customer from Sofia Lindqvist to Sofia Berg and changed their email',
			entry({
				type: 'customer.updated',
				before: { customerName: 'Sofia Lindqvist' },
				after: { customerName: 'Sofia Berg' },
				detail: {
					before: { familyName: 'Lindqvist', email: 'a@example.com' },
					after: { familyName: 'Berg', email: 'b@example.com' }
				}
			})
		]
	])('%s', (sentence, given) => expect(historySentence(given, words)).toBe(sentence));

	it('never spells out a customer’s contact details', () => {
		const sentence = historySentence(
			entry({
				type: 'customer.updated',
				detail: { before: { phone: '555-0101' }, after: { phone: '555-0199' } }
			}),
			words
		);
		expect(sentence).not.toContain('555');
	});

	it('names a stone by what it is, with the total weight of several', () => {
		expect(stoneName(center)).toBe('the center stone (Diamond, 0.9 ct)');
		expect(stoneName({ role: 'side', gem: 'Sapphire', count: 2, carats: 0.6 })).toBe(
			'the side stones (Sapphire, 2 stones, 0.6 ct total)'
		);
		expect(stoneName(undefined)).toBe('a stone');
	});
});

describe('the kind of an entry', () => {
	it.each<[HistoryEntry['type'], object, { after: unknown } | null, string]>([
		['order.moved', {}, null, 'stage'],
		['order.picked_up', {}, null, 'stage'],
		['order.created', {}, null, 'details'],
		['order.updated', { version: 3 }, { after: { quotedPriceCents: 1 } }, 'money'],
		['order.updated', { dueDate: 'x', version: 3 }, { after: { quotedPriceCents: 1 } }, 'details'],
		['stone.updated', {}, null, 'stones'],
		['payment.recorded', {}, null, 'money'],
		['blocker.resolved', {}, null, 'blockers'],
		['attachment.added', {}, null, 'photos'],
		['vendor_job.added', {}, null, 'outside work'],
		['customer.updated', {}, null, 'customer']
	])('%s %o %o is %s', (type, after, detail, kind) =>
		expect(kindOf(type, after, detail)).toBe(kind)
	);
});

describe('when, in the shop’s time zone', () => {
	const now = new Date('2025-12-10T10:00:00Z');

	it('shows this week’s changes by weekday and time', () => {
		expect(shortWhen('2025-12-09T14:02:00Z', 'Europe/London', now)).toBe('Tue 14:02');
		// 04:30 UTC on Tuesday is still Monday evening in New York.
		expect(shortWhen('2025-12-09T04:30:00Z', 'America/New_York', now)).toBe('Mon 23:30');
	});

	it('names the day of older changes, and the year of last year’s', () => {
		expect(shortWhen('2025-11-28T09:05:00Z', 'Europe/London', now)).toBe('Fri 28 Nov 09:05');
		expect(shortWhen('2024-11-28T09:05:00Z', 'Europe/London', now)).toBe('Thu, 28 Nov 2024 09:05');
	});

	it('gives the whole moment for hover and paper', () => {
		expect(fullWhen('2025-10-14T13:02:00Z', 'Europe/London')).toBe(
			'Tuesday 14 October 2025, 14:02'
		);
	});
});

describe('the history as a spreadsheet', () => {
	it('has a byte order mark, CRLF rows, quoted commas and no formulas', () => {
		const csv = historyCsv(
			[
				entry({ type: 'order.created', before: null, actor: '=HYPERLINK("x")' }),
				entry({
					type: 'blocker.added',
					at: '2025-12-09T15:30:00Z',
					actor: 'Elena Novak',
					detail: { before: null, after: { id: 1, description: 'Stones, from "Meridian"' } }
				})
			],
			'Europe/London',
			words
		);
		expect(csv).toBe(
			'\uFEFFDate,Time,Who,What\r\n' +
				`2025-12-09,14:02,"'=HYPERLINK(""x"")",created the order\r\n` +
				'2025-12-09,15:30,Elena Novak,"added a blocker: Stones, from ""Meridian"""\r\n'
		);
	});
});
