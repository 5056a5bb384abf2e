import { describe, expect, it } from 'vitest';
import { DEFAULT_STAGE_THRESHOLDS } from '../../src/lib/aging';
import { csvField, ordersCsv, ordersCsvName, toCsv } from '../../src/lib/csv';
import { todayIn } from '../../src/lib/due';
import {
	NO_FILTERS,
	activeFilterCount,
	assigneesOf,
	boardViewQuery,
	matchesDue,
	matchesFilters,
	parseBoardView,
	readBoardView,
	shownStages,
	sortByDue,
	lateFirst,
	type BoardFilters,
	type FilterContext
} from '../../src/lib/board/filters';
import type { OrderCard } from '../../src/lib/types';
import { testCard } from '../helpers/cards';

const parse = (query: string) => parseBoardView(new URLSearchParams(query));
const filters = (patch: Partial<BoardFilters>): BoardFilters => ({ ...NO_FILTERS, ...patch });

let nextId = 1;
/** Each call a new order of Hannah Okafor's, in Casting since the day before `context`'s today. */
function card(patch: Partial<OrderCard> = {}): OrderCard {
	return testCard(nextId++, {
		title: 'Oval solitaire, 14k yellow gold',
		stage: 'casting',
		customerId: 1,
		customerName: 'Hannah Okafor',
		customerShortName: 'Hannah O.',
		stageEnteredAt: '2026-11-26T15:00:00Z',
		...patch
	});
}

// Friday, November 27, 2026.
const context: FilterContext = {
	today: '2026-11-27',
	timeZone: 'UTC',
	thresholds: DEFAULT_STAGE_THRESHOLDS
};

describe('the URL query', () => {
	it('reads every filter of a shared link', () => {
		const view = parse(
			'location=2&due=this_week&assignee=Elena&rush=1&stage=casting,setting&piece=engagement_ring&own=1&waiting=1&stuck=1&risk=1&q=sapphire&sort=due'
		);
		expect(view).toEqual({
			filters: {
				location: 2,
				due: 'this_week',
				from: null,
				to: null,
				assignee: 'Elena',
				rush: true,
				stages: ['casting', 'setting'],
				piece: 'engagement_ring',
				own: true,
				waiting: true,
				stuck: true,
				atRisk: true,
				q: 'sapphire'
			},
			sort: 'due'
		});
	});

	it('round-trips: what it writes it reads back the same', () => {
		const queries = [
			'',
			'due=this_week&assignee=Elena&rush=1&stage=casting,setting&piece=engagement_ring&own=1&waiting=1&stuck=1&risk=1&q=sapphire',
			'location=3&stage=ready',
			'due=range&from=2026-12-01&to=2026-12-14',
			'due=range&to=2026-12-14&sort=due',
			'assignee=Ren%C3%A9e+Dubois&q=halo+ring+%26+band'
		];
		for (const query of queries) {
			expect(boardViewQuery(parse(query))).toBe(query);
			expect(parse(boardViewQuery(parse(query)))).toEqual(parse(query));
		}
	});

	it('writes stages in board order, whatever order they came in', () => {
		expect(boardViewQuery(parse('stage=setting,intake,setting'))).toBe('stage=intake,setting');
	});

	it('drops values that do not parse, keeping the rest', () => {
		const view = parse(
			'due=yesterday&stage=casting,kitchen&piece=tiara&rush=yes&own=0&sort=random&q=%20%20&assignee='
		);
		expect(view.filters).toEqual(filters({ stages: ['casting'] }));
		expect(view.sort).toBe('manual');
		expect(boardViewQuery(view)).toBe('stage=casting');
	});

	it('drops a range without a real date', () => {
		expect(parse('due=range&from=2026-02-30&to=soon').filters.due).toBeNull();
		expect(parse('due=range').filters.due).toBeNull();
		// One real end is enough: the other stays open.
		expect(parse('due=range&from=2026-02-28&to=soon').filters).toMatchObject({
			due: 'range',
			from: '2026-02-28',
			to: null
		});
		// Dates mean nothing without the range.
		expect(parse('due=overdue&from=2026-12-01').filters.from).toBeNull();
	});

	it('leaves out a range whose dates are still being picked', () => {
		expect(boardViewQuery({ filters: filters({ due: 'range' }), sort: 'manual' })).toBe('');
		expect(activeFilterCount(filters({ due: 'range' }))).toBe(0);
	});

	it('names each value it dropped, for the API to refuse (the page ignores them)', () => {
		const problems = (query: string) =>
			readBoardView(new URLSearchParams(query)).problems.map((problem) => problem.param);
		expect(
			problems(
				'due=yesterday&stage=casting,kitchen&piece=tiara&rush=yes&own=0&sort=random&q=%20%20&assignee='
			)
		).toEqual(['due', 'stage', 'piece', 'rush', 'sort']);
		expect(problems('due=range&from=2026-02-30&to=soon')).toEqual(['from', 'to']);
		expect(problems('due=range')).toEqual(['due']);
		expect(problems('due=overdue&from=2026-12-01')).toEqual(['from']);
		expect(problems('stage=design&stage=casting&colour=red')).toEqual(['stage', 'colour']);
		expect(problems(`assignee=${'a'.repeat(201)}`)).toEqual(['assignee']);
		// What the board itself writes always reads back clean.
		expect(
			problems(
				'due=this_week&assignee=Elena&rush=1&stage=casting,setting&piece=engagement_ring&own=1&waiting=1&stuck=1&risk=1&q=sapphire&sort=due'
			)
		).toEqual([]);
		expect(problems('due=range&from=2026-12-01&to=2026-12-14')).toEqual([]);
		expect(readBoardView(new URLSearchParams('due=tomorrow')).problems[0]).toEqual({
			param: 'due',
			message: 'must be one of overdue, today, this_week, next_14, none, range'
		});
	});

	it('keeps search text within bounds', () => {
		expect(parse(`q=${'a'.repeat(500)}`).filters.q).toHaveLength(200);
	});

	it('counts the filters that are on and the columns they leave', () => {
		expect(activeFilterCount(NO_FILTERS)).toBe(0);
		expect(activeFilterCount(parse('due=today&rush=1&stage=casting,setting&q=x').filters)).toBe(4);
		expect(shownStages(NO_FILTERS)).toHaveLength(7);
		expect(shownStages(filters({ stages: ['design', 'ready'] }))).toEqual(['design', 'ready']);
	});
});

describe('due filters, seen from Friday November 27', () => {
	const today = context.today;
	const due = (dueFilter: BoardFilters['due'], date: string | null, range = {}) =>
		matchesDue(date, { due: dueFilter, from: null, to: null, ...range }, today);

	it('overdue is before today', () => {
		expect(due('overdue', '2026-11-26')).toBe(true);
		expect(due('overdue', '2026-11-27')).toBe(false);
		expect(due('overdue', null)).toBe(false);
	});

	it('today is today only', () => {
		expect(due('today', '2026-11-27')).toBe(true);
		expect(due('today', '2026-11-28')).toBe(false);
	});

	it('this week runs from today through Sunday', () => {
		expect(due('this_week', '2026-11-26')).toBe(false);
		expect(due('this_week', '2026-11-27')).toBe(true);
		expect(due('this_week', '2026-11-29')).toBe(true);
		expect(due('this_week', '2026-11-30')).toBe(false);
	});

	it('next 14 days runs from today to the same weekday two weeks out', () => {
		expect(due('next_14', '2026-11-26')).toBe(false);
		expect(due('next_14', '2026-11-27')).toBe(true);
		expect(due('next_14', '2026-12-11')).toBe(true);
		expect(due('next_14', '2026-12-12')).toBe(false);
	});

	it('no due date keeps only undated orders', () => {
		expect(due('none', null)).toBe(true);
		expect(due('none', '2026-11-27')).toBe(false);
	});

	it('a range includes both ends, and an open end reaches as far as it likes', () => {
		const december = { from: '2026-12-01', to: '2026-12-14' };
		expect(due('range', '2026-11-30', december)).toBe(false);
		expect(due('range', '2026-12-01', december)).toBe(true);
		expect(due('range', '2026-12-14', december)).toBe(true);
		expect(due('range', '2026-12-15', december)).toBe(false);
		expect(due('range', null, december)).toBe(false);
		expect(due('range', '2031-01-01', { from: '2026-12-01' })).toBe(true);
		expect(due('range', '2001-01-01', { to: '2026-12-14' })).toBe(true);
	});

	it('with no due filter, every order passes', () => {
		expect(due(null, null)).toBe(true);
		expect(due(null, '1999-01-01')).toBe(true);
	});
});

describe("this week on the week's edges", () => {
	it('on a Sunday, this week is that day alone', () => {
		const sunday = '2026-11-29';
		expect(matchesDue('2026-11-29', filters({ due: 'this_week' }), sunday)).toBe(true);
		expect(matchesDue('2026-11-30', filters({ due: 'this_week' }), sunday)).toBe(false);
	});

	it('on a Monday, this week is the whole week through Sunday', () => {
		const monday = '2026-11-30';
		expect(matchesDue('2026-11-30', filters({ due: 'this_week' }), monday)).toBe(true);
		expect(matchesDue('2026-12-06', filters({ due: 'this_week' }), monday)).toBe(true);
		expect(matchesDue('2026-12-07', filters({ due: 'this_week' }), monday)).toBe(false);
	});
});

describe("due buckets follow the shop's clock, not the server's", () => {
	// 23:30 on Sunday, November 29 in Los Angeles is already Monday 07:30 in UTC.
	const sundayNightInLA = new Date('2026-11-30T07:30:00Z');

	it('late Sunday in Los Angeles, Monday is not yet this week', () => {
		const today = todayIn('America/Los_Angeles', sundayNightInLA);
		expect(today).toBe('2026-11-29');
		expect(matchesDue('2026-11-29', filters({ due: 'today' }), today)).toBe(true);
		expect(matchesDue('2026-11-30', filters({ due: 'this_week' }), today)).toBe(false);
		expect(matchesDue('2026-11-30', filters({ due: 'overdue' }), today)).toBe(false);
	});

	it('half an hour later it is Monday there, and the new week begins', () => {
		const today = todayIn('America/Los_Angeles', new Date('2026-11-30T08:00:00Z'));
		expect(today).toBe('2026-11-30');
		expect(matchesDue('2026-11-29', filters({ due: 'overdue' }), today)).toBe(true);
		expect(matchesDue('2026-12-06', filters({ due: 'this_week' }), today)).toBe(true);
	});

	it('in Tokyo the same instant is Monday afternoon', () => {
		const today = todayIn('Asia/Tokyo', sundayNightInLA);
		expect(today).toBe('2026-11-30');
		expect(matchesDue('2026-11-30', filters({ due: 'today' }), today)).toBe(true);
	});

	it('just before midnight in Tokyo is still Sunday there, while UTC says Sunday afternoon', () => {
		const instant = new Date('2026-11-29T14:59:00Z'); // 23:59 in Tokyo
		expect(todayIn('Asia/Tokyo', instant)).toBe('2026-11-29');
		const oneMinuteLater = new Date('2026-11-29T15:00:00Z');
		const today = todayIn('Asia/Tokyo', oneMinuteLater);
		expect(today).toBe('2026-11-30');
		expect(matchesDue('2026-11-29', filters({ due: 'overdue' }), today)).toBe(true);
		expect(
			matchesDue('2026-11-29', filters({ due: 'overdue' }), todayIn('UTC', oneMinuteLater))
		).toBe(false);
	});
});

describe('each filter, and all of them together', () => {
	const match = (order: OrderCard, patch: Partial<BoardFilters>) =>
		matchesFilters(order, filters(patch), context);

	it('no filters keep everything', () => {
		expect(match(card(), {})).toBe(true);
	});

	it('assignee, rush, stage and piece type', () => {
		expect(match(card({ assignee: 'Elena' }), { assignee: 'Elena' })).toBe(true);
		expect(match(card({ assignee: 'Luis' }), { assignee: 'Elena' })).toBe(false);
		expect(match(card({ assignee: null }), { assignee: 'Elena' })).toBe(false);
		expect(match(card({ rush: true }), { rush: true })).toBe(true);
		expect(match(card({ rush: false }), { rush: true })).toBe(false);
		expect(match(card({ stage: 'setting' }), { stages: ['casting', 'setting'] })).toBe(true);
		expect(match(card({ stage: 'design' }), { stages: ['casting', 'setting'] })).toBe(false);
		expect(match(card({ pieceType: 'pendant' }), { piece: 'pendant' })).toBe(true);
		expect(match(card({ pieceType: 'repair' }), { piece: 'pendant' })).toBe(false);
	});

	it("the customer's own stones or other items, and waiting on", () => {
		expect(match(card({ customerStones: 2 }), { own: true })).toBe(true);
		expect(match(card({ customerStones: 0 }), { own: true })).toBe(false);
		expect(match(card({ customerItems: 1 }), { own: true })).toBe(true);
		expect(match(card({ customerStones: 0, customerItems: 0 }), { own: true })).toBe(false);
		expect(match(card({ firstBlocker: 'CAD approval' }), { waiting: true })).toBe(true);
		expect(match(card({ firstBlocker: null }), { waiting: true })).toBe(false);
	});

	it('at risk: only the cards the forecast calls at risk; none on a screen without forecasts', () => {
		const atRisk = { ...context, atRisk: new Set([7]) };
		expect(matchesFilters(card({ id: 7 }), filters({ atRisk: true }), atRisk)).toBe(true);
		expect(matchesFilters(card({ id: 8 }), filters({ atRisk: true }), atRisk)).toBe(false);
		expect(matchesFilters(card({ id: 7 }), filters({ atRisk: true }), context)).toBe(false);
		expect(matchesFilters(card({ id: 8 }), filters({}), atRisk)).toBe(true);
	});

	it('overdue: late work only, never a finished piece waiting for its customer', () => {
		expect(match(card({ stage: 'setting', dueDate: '2026-11-20' }), { due: 'overdue' })).toBe(true);
		expect(match(card({ stage: 'ready', dueDate: '2026-11-20' }), { due: 'overdue' })).toBe(false);
	});

	it('stuck: longer in its stage than the stage allows', () => {
		// Casting allows 7 days.
		expect(match(card({ stageEnteredAt: '2026-11-19T12:00:00Z' }), { stuck: true })).toBe(true);
		expect(match(card({ stageEnteredAt: '2026-11-20T12:00:00Z' }), { stuck: true })).toBe(false);
	});

	it('text search: number, title, customer and blocker, each word, any case or accent', () => {
		const order = card({
			number: 'CO-1042',
			title: 'Emerald-cut sapphire ring',
			customerName: 'Zoë Lindqvist',
			firstBlocker: 'Center stone from Meridian'
		});
		for (const q of ['co-1042', 'SAPPHIRE', 'zoe', 'Lindqvist sapphire', 'meridian', '  ring  ']) {
			expect(match(order, { q }), q).toBe(true);
		}
		for (const q of ['ruby', 'sapphire ruby', 'CO-1043']) {
			expect(match(order, { q }), q).toBe(false);
		}
	});

	it('filters combine: a card must pass every one', () => {
		const all: Partial<BoardFilters> = {
			due: 'this_week',
			assignee: 'Elena',
			rush: true,
			stages: ['casting'],
			piece: 'engagement_ring',
			own: true,
			waiting: true,
			stuck: true,
			q: 'sapphire'
		};
		const passing = card({
			title: 'Sapphire halo',
			dueDate: '2026-11-28',
			assignee: 'Elena',
			rush: true,
			customerStones: 1,
			firstBlocker: 'Side stones',
			stageEnteredAt: '2026-11-01T12:00:00Z'
		});
		expect(match(passing, all)).toBe(true);
		const spoilers: Partial<OrderCard>[] = [
			{ dueDate: '2026-12-02' },
			{ assignee: 'Luis' },
			{ rush: false },
			{ stage: 'setting' },
			{ pieceType: 'pendant' },
			{ customerStones: 0 },
			{ firstBlocker: null },
			{ stageEnteredAt: '2026-11-26T12:00:00Z' },
			{ title: 'Ruby halo' }
		];
		for (const spoiler of spoilers) {
			expect(match({ ...passing, ...spoiler }, all), JSON.stringify(spoiler)).toBe(false);
		}
	});
});

describe('sorting and assignees', () => {
	it('sorts a column by due date, undated last, ties in manual order', () => {
		const cards = [
			card({ number: 'A', orderKey: 'a0', dueDate: null }),
			card({ number: 'B', orderKey: 'a1', dueDate: '2026-12-05' }),
			card({ number: 'C', orderKey: 'a2', dueDate: '2026-11-20' }),
			card({ number: 'D', orderKey: 'a3', dueDate: '2026-12-05' }),
			card({ number: 'E', orderKey: 'Zz', dueDate: '2026-12-05' })
		];
		expect(sortByDue(cards).map((c) => c.number)).toEqual(['C', 'E', 'B', 'D', 'A']);
		expect(cards.map((c) => c.number)).toEqual(['A', 'B', 'C', 'D', 'E']);
	});

	it('puts late cards first when asked, each group in the order it had', () => {
		const today = '2026-12-05';
		const cards = [
			card({ number: 'A', dueDate: '2026-12-09' }),
			card({ number: 'B', dueDate: '2026-12-01' }),
			card({ number: 'C', dueDate: null }),
			card({ number: 'D', dueDate: '2026-11-20' }),
			// Waiting for its customer is not late, whatever the date said.
			card({ number: 'E', dueDate: '2026-11-01', stage: 'ready' })
		];
		expect(lateFirst(cards, today).map((c) => c.number)).toEqual(['B', 'D', 'A', 'C', 'E']);
		expect(lateFirst(cards.slice(0, 1), today)).toEqual(cards.slice(0, 1));
	});

	it('names each assignee once, alphabetically', () => {
		const cards = [
			card({ assignee: 'Sam' }),
			card({ assignee: null }),
			card({ assignee: 'Elena' }),
			card({ assignee: 'Sam' })
		];
		expect(assigneesOf(cards)).toEqual(['Elena', 'Sam']);
	});
});

describe('CSV', () => {
	it('quotes fields with commas, quotes and line breaks (RFC 4180)', () => {
		expect(csvField('plain')).toBe('plain');
		expect(csvField('Oval, 1.5 ct')).toBe('"Oval, 1.5 ct"');
		expect(csvField('the "Aurora" ring')).toBe('"the ""Aurora"" ring"');
		expect(csvField('line one\nline two')).toBe('"line one\nline two"');
		expect(csvField('carriage\rreturn')).toBe('"carriage\rreturn"');
		expect(csvField(null)).toBe('');
		expect(csvField(12)).toBe('12');
	});

	it('defuses cells a spreadsheet would run as a formula', () => {
		expect(csvField('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
		expect(csvField('+1 555 0100')).toBe("'+1 555 0100");
		expect(csvField('-2+3')).toBe("'-2+3");
		expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
		expect(csvField('\t=1')).toBe("'\t=1");
		expect(csvField('a=b')).toBe('a=b');
	});

	it('leaves a number a number: a negative balance is no formula', () => {
		expect(csvField(-1300.5)).toBe('-1300.5');
		expect(csvField('-1300.5')).toBe("'-1300.5");
	});

	it('starts with a byte order mark and ends records with CRLF', () => {
		const text = toCsv([
			['a', 'b'],
			['Zoë', 'Renée']
		]);
		expect(text).toBe('\uFEFFa,b\r\nZoë,Renée\r\n');
	});

	it('writes one row per card, with days in stage and stuck', () => {
		const text = ordersCsv(
			[
				card({
					number: 'CO-1007',
					title: 'Three-stone ring, platinum',
					stage: 'setting',
					customerName: 'Noah Feldman',
					dueDate: '2026-12-05',
					rush: true,
					assignee: 'Elena',
					firstBlocker: '=cmd|calc',
					stageEnteredAt: '2026-11-20T12:00:00Z'
				})
			],
			context
		);
		const lines = text.slice(1).split('\r\n');
		expect(lines[0]).toBe(
			'Number,Title,Piece type,Stage,Customer,Due date,Rush,Assignee,Waiting on,Days in stage,Stuck'
		);
		expect(lines[1]).toBe(
			'CO-1007,"Three-stone ring, platinum",Engagement ring,Setting,Noah Feldman,2026-12-05,Yes,Elena,\'=cmd|calc,7,Yes'
		);
		expect(lines).toHaveLength(3);
		expect(ordersCsvName('2026-11-27')).toBe('benchboard-orders-2026-11-27.csv');
	});
});
