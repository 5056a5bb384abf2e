import { describe, expect, it } from 'vitest';
import { shopFormat } from '../../src/lib/words/format';
import {
	historyCsv,
	historySentence,
	kindOf,
	stoneName,
	type HistoryEntry
} from '../../src/lib/words/history';

const usd = shopFormat({ locale: 'en-US', timeZone: 'America/New_York', currency: 'USD' });
const words = { format: usd, today: '2025-12-10' };
/** The same shop's words, in another time zone. */
const wordsIn = (timeZone: string) => ({
	...words,
	format: shopFormat({ locale: 'en-US', timeZone, currency: 'USD' })
});

function entry(fields: Partial<HistoryEntry> & Pick<HistoryEntry, 'type'>): HistoryEntry {
	return {
		seq: 1,
		at: '2025-12-09T14:02:00Z',
		actor: 'Sam Ortiz',
		actorId: 3,
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
			'Avery Stone changed the due date from Fri, Dec 12 to Mon, Dec 15',
			entry({
				type: 'order.updated',
				actor: 'Avery Stone',
				before: { dueDate: '2025-12-12', version: 2 },
				after: { dueDate: '2025-12-15', version: 3 }
			})
		],
		[
			'Avery Stone set the due date to Thu, Jan 14, 2027, marked it rush and changed the metal from 14k yellow gold to platinum',
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
			'Sam Ortiz sent it to Pacific Casting House: Resin print (expected back Fri, Dec 12, cost $180.00)',
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

const ring = "Grandmother's ring";
const safe = { kind: 'place', name: 'Safe' };
const caster = { kind: 'vendor', id: 2, name: 'Pacific Casting House' };
const elena = { kind: 'person', id: 4, name: 'Elena Novak' };

describe('the customer’s items in words', () => {
	it.each<[string, HistoryEntry]>([
		[
			"Sam Ortiz checked in Grandmother's ring (4.21 g) and put it in the Safe",
			entry({
				type: 'item.checked_in',
				detail: {
					before: null,
					after: {
						id: 1,
						kind: 'jewelry',
						description: ring,
						weight: 4.21,
						weightUnit: 'g',
						holder: safe,
						note: null
					}
				}
			})
		],
		[
			"Sam Ortiz checked in Grandmother's ring (4.21 g, declared at $1,200.00) and kept it · “Loose prong”",
			entry({
				type: 'item.checked_in',
				detail: {
					before: null,
					after: {
						id: 1,
						kind: 'jewelry',
						description: ring,
						weight: 4.21,
						weightUnit: 'g',
						declaredValueCents: 120000,
						holder: { kind: 'person', id: 3, name: 'Sam Ortiz' },
						note: 'Loose prong'
					}
				}
			})
		],
		[
			// What a bench jeweler receives: no declared value; a place named with a number.
			'Sam Ortiz checked in Scrap gold (12.50 g) and put it at Bench 1',
			entry({
				type: 'item.checked_in',
				detail: {
					before: null,
					after: {
						id: 2,
						description: 'Scrap gold',
						weight: 12.5,
						weightUnit: 'g',
						holder: { kind: 'place', name: 'Bench 1' }
					}
				}
			})
		],
		[
			"Elena Novak handed Grandmother's ring from the Safe to Pacific Casting House · weighed 4.20 g",
			entry({
				type: 'item.handed_off',
				actor: 'Elena Novak',
				actorId: 4,
				detail: {
					before: { id: 1, description: ring, holder: safe },
					after: {
						id: 1,
						description: ring,
						holder: caster,
						weight: 4.2,
						weightUnit: 'g',
						note: null
					}
				}
			})
		],
		[
			"Elena Novak took Grandmother's ring from the Safe",
			entry({
				type: 'item.handed_off',
				actor: 'Elena Novak',
				actorId: 4,
				detail: {
					before: { id: 1, description: ring, holder: safe },
					after: {
						id: 1,
						description: ring,
						holder: elena,
						weight: null,
						weightUnit: 'g',
						note: null
					}
				}
			})
		],
		[
			"Elena Novak put Grandmother's ring on the Front counter · “For pickup”",
			entry({
				type: 'item.handed_off',
				actor: 'Elena Novak',
				actorId: 4,
				detail: {
					before: { id: 1, description: ring, holder: elena },
					after: {
						id: 1,
						description: ring,
						holder: { kind: 'place', name: 'Front counter' },
						weight: null,
						weightUnit: 'g',
						note: 'For pickup'
					}
				}
			})
		],
		[
			"Sam Ortiz returned Grandmother's ring to the customer · weighed 4.195 g",
			entry({
				type: 'item.returned',
				detail: {
					before: { id: 1, description: ring, holder: safe },
					after: {
						id: 1,
						description: ring,
						from: safe,
						weight: 4.195,
						weightUnit: 'g',
						holder: { kind: 'customer', name: 'The customer' },
						note: null
					}
				}
			})
		]
	])('%s', (sentence, given) => expect(historySentence(given, words)).toBe(sentence));
});

describe('a release at pickup in words', () => {
	const release = (after: object) =>
		entry({ type: 'order.picked_up', actor: 'Morgan Lee', detail: { before: null, after } });
	const returned = [
		{ id: 1, description: ring, from: safe, weight: null, weightUnit: 'g' },
		{ id: 2, description: 'Center stone: Diamond', from: elena, weight: null, weightUnit: 'ct' }
	];

	it('says what was owed, why it went anyway, and what was handed back', () => {
		expect(
			historySentence(
				release({
					releasedBy: 'Morgan Lee',
					balanceCents: 80000,
					overrideReason: 'Pays Friday, long-time customer',
					itemsReturned: returned
				}),
				words
			)
		).toBe(
			"Morgan Lee released it to the customer · balance of $800.00 owed: Pays Friday, long-time customer · handed back: Grandmother's ring and Center stone: Diamond"
		);
	});

	it('says paid in full, and nothing of money without a quote or to the bench', () => {
		const paid = {
			releasedBy: 'Morgan Lee',
			balanceCents: 0,
			overrideReason: null,
			itemsReturned: []
		};
		expect(historySentence(release(paid), words)).toBe(
			'Morgan Lee released it to the customer · paid in full'
		);
		expect(historySentence(release({ ...paid, balanceCents: null }), words)).toBe(
			'Morgan Lee released it to the customer'
		);
		expect(
			historySentence(release({ releasedBy: 'Morgan Lee', itemsReturned: returned }), words)
		).toBe(
			"Morgan Lee released it to the customer · handed back: Grandmother's ring and Center stone: Diamond"
		);
		expect(historySentence(entry({ type: 'order.picked_up', actor: 'Morgan Lee' }), words)).toBe(
			'Morgan Lee marked it picked up'
		);
	});
});

describe('an undo in words', () => {
	it.each<[string, HistoryEntry]>([
		[
			'Sam Ortiz undid their move: back to Casting',
			entry({
				type: 'order.moved',
				undoOf: 41,
				before: { stage: 'setting', version: 6 },
				after: { stage: 'casting', version: 7 }
			})
		],
		[
			'Sam Ortiz undid their move: back to its place in Casting',
			entry({
				type: 'order.moved',
				undoOf: 41,
				before: { stage: 'casting' },
				after: { stage: 'casting' }
			})
		],
		[
			'Sam Ortiz undid their edit: title back to “Oval solitaire”',
			entry({
				type: 'order.updated',
				undoOf: 41,
				before: { title: 'Oval solitare!', version: 6 },
				after: { title: 'Oval solitaire', version: 7 }
			})
		],
		[
			'Sam Ortiz undid their edit: due date back to none, off rush again, metal back to platinum and design notes as they were',
			entry({
				type: 'order.updated',
				undoOf: 41,
				before: { dueDate: '2025-12-15', rush: true, version: 6 },
				after: { dueDate: null, rush: false, version: 7 },
				detail: {
					before: { metal: 'gold', designNotes: 'x' },
					after: { metal: 'platinum', designNotes: 'y' }
				}
			})
		]
	])('%s', (sentence, given) => expect(historySentence(given, words)).toBe(sentence));
});

describe('a live note’s editing session in words', () => {
	const london = wordsIn('Europe/London');
	const session = (after: object) =>
		entry({ type: 'notes.edited', detail: { before: null, after: { text: 'x', ...after } } });

	it.each<[string, string, HistoryEntry]>([
		[
			'Sam Ortiz edited the design notes, Fri 2:02 PM–2:09 PM',
			'Europe/London',
			session({
				field: 'design',
				startedAt: '2025-12-05T14:02:10Z',
				endedAt: '2025-12-05T14:09:40Z'
			})
		],
		[
			'Sam Ortiz edited the customer requests, Tue 9:15 AM',
			'Europe/London',
			session({
				field: 'requests',
				startedAt: '2025-12-09T09:15:05Z',
				endedAt: '2025-12-09T09:15:50Z'
			})
		],
		[
			// Past midnight in the shop, five hours behind UTC.
			'Sam Ortiz edited the design notes, Mon 11:50 PM – Tue 12:10 AM',
			'America/New_York',
			session({
				field: 'design',
				startedAt: '2025-12-09T04:50:00Z',
				endedAt: '2025-12-09T05:10:00Z'
			})
		],
		[
			'Sam Ortiz edited the design notes, Fri, Nov 28 4:00 PM–4:20 PM',
			'Europe/London',
			session({
				field: 'design',
				startedAt: '2025-11-28T16:00:00Z',
				endedAt: '2025-11-28T16:20:00Z'
			})
		]
	])('%s (%s)', (sentence, timeZone, given) =>
		expect(historySentence(given, wordsIn(timeZone))).toBe(sentence)
	);

	it('says only which note without the times, and files it under details', () => {
		const edited = session({ field: 'requests' });
		expect(historySentence(edited, london)).toBe('Sam Ortiz edited the customer requests');
		expect(kindOf('notes.edited', {}, edited.detail)).toBe('details');
	});

	it("tells the times in the shop's locale", () => {
		const britain = shopFormat({ locale: 'en-GB', timeZone: 'Europe/London', currency: 'GBP' });
		const edited = session({
			field: 'design',
			startedAt: '2025-11-28T16:00:00Z',
			endedAt: '2025-11-28T16:20:00Z'
		});
		expect(historySentence(edited, { format: britain, today: '2025-12-10' })).toBe(
			'Sam Ortiz edited the design notes, Fri 28 Nov 16:00–16:20'
		);
	});

	it('puts the times in the spreadsheet’s sentence too', () => {
		const csv = historyCsv(
			[
				session({
					field: 'design',
					startedAt: '2025-12-05T14:02:00Z',
					endedAt: '2025-12-05T14:09:00Z'
				})
			],
			london
		);
		expect(csv).toContain('edited the design notes, Fri 2:02 PM–2:09 PM');
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
		['customer.updated', {}, null, 'customer'],
		['item.checked_in', {}, null, 'custody'],
		['item.handed_off', {}, null, 'custody'],
		['item.returned', {}, null, 'custody'],
		['order.transfer_sent', { locationId: null }, null, 'custody'],
		['order.transfer_received', { locationId: 2 }, null, 'custody']
	])('%s %o %o is %s', (type, after, detail, kind) =>
		expect(kindOf(type, after, detail)).toBe(kind)
	);
});

describe('transfers between locations in the history', () => {
	const transfer = (items: unknown[], note: string | null = null) => ({
		before: null,
		after: {
			transferId: 7,
			from: { id: 1, name: 'Main Street' },
			to: { id: 2, name: 'Workshop' },
			sentBy: 'Sam Ortiz',
			note,
			items
		}
	});
	const ring = { id: 6, description: 'Grandmother’s ring', weight: 4.2, weightUnit: 'g' };

	it('say from where to where, what travelled with the piece, and what it weighed', () => {
		expect(
			historySentence(
				entry({
					type: 'order.transfer_sent',
					actor: 'Sam Ortiz',
					detail: transfer([ring, { id: 7, description: 'Chain', weight: null }], 'For setting')
				}),
				words
			)
		).toBe(
			'Sam Ortiz sent the piece from Main Street to Workshop with Grandmother’s ring (4.20 g) and Chain · “For setting”'
		);
		expect(
			historySentence(
				entry({ type: 'order.transfer_received', actor: 'Elena Novak', detail: transfer([]) }),
				words
			)
		).toBe('Elena Novak received the piece at Workshop from Main Street');
	});
});

describe('the history as a spreadsheet', () => {
	it('has a byte order mark, CRLF rows, quoted commas and no formulas', () => {
		// Dates and times stay YYYY-MM-DD and 24-hour for the spreadsheet, whatever the locale.
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
			wordsIn('Europe/London')
		);
		expect(csv).toBe(
			'\uFEFFDate,Time,Who,What\r\n' +
				`2025-12-09,14:02,"'=HYPERLINK(""x"")",created the order\r\n` +
				'2025-12-09,15:30,Elena Novak,"added a blocker: Stones, from ""Meridian"""\r\n'
		);
	});
});

describe('messages to the customer in the history', () => {
	const entry = (type: HistoryEntry['type'], after: Record<string, unknown>, extra = {}) =>
		({
			seq: 1,
			at: '2026-11-27T14:02:00.000Z',
			type,
			actor: 'Sam Ortiz',
			actorId: 4,
			kind: kindOf(type, {}),
			before: {},
			after: {},
			detail: { before: null, after },
			...extra
		}) as HistoryEntry;
	const words = { format: usd };

	it('says what went to whom, how, and why not when it could not', () => {
		expect(
			historySentence(
				entry('notification.sent', {
					subject: 'Your engagement ring is ready for pickup',
					channel: 'email',
					recipient: 'olivia@example.com'
				}),
				words
			)
		).toBe(
			'Sam Ortiz sent the customer “Your engagement ring is ready for pickup” by email to olivia@example.com'
		);
		expect(
			historySentence(
				entry('notification.failed', {
					subject: 'Your pendant is ready for pickup',
					channel: 'sms',
					reason: 'the SMS gateway answered 503'
				}),
				words
			)
		).toBe(
			'Sam Ortiz could not send the customer “Your pendant is ready for pickup” by text message: the SMS gateway answered 503'
		);
		expect(
			historySentence(
				entry('notification.queued', {
					subject: 'About your piece (CO-1042)',
					status: 'not_sent',
					reason: 'this customer asked not to get messages'
				}),
				words
			)
		).toBe(
			'Sam Ortiz could not send the customer “About your piece (CO-1042)”: this customer asked not to get messages'
		);
		expect(entry('notification.sent', {}).kind).toBe('messages');
	});

	it('says a move to Ready tells the customer, or why it could not', () => {
		const move = (messageQueued: object) =>
			historySentence(
				{
					...entry('order.moved', { messageQueued }),
					before: { stage: 'inspection' },
					after: { stage: 'ready' }
				},
				words
			);
		expect(move({ id: 1, status: 'queued', reason: null })).toBe(
			'Sam Ortiz moved it from Inspection to Ready for pickup · the customer is told'
		);
		expect(move({ id: 1, status: 'not_sent', reason: 'no channel configured' })).toBe(
			'Sam Ortiz moved it from Inspection to Ready for pickup · the customer could not be told: no channel configured'
		);
	});
});
