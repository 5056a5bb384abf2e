import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/lib/server/auth/api-tokens';
import { authenticateBearer } from '../../src/lib/server/auth/bearer';
import { addBlocker } from '../../src/lib/server/blockers';
import { readBoard } from '../../src/lib/server/board';
import { DomainError } from '../../src/lib/server/errors';
import type { Actor } from '../../src/lib/server/events';
import { createOrder } from '../../src/lib/server/orders';
import { registerServices, unregisterServices } from '../../src/lib/server/services';
import type { StartedServices } from '../../src/lib/server/start';
import { todayIn } from '../../src/lib/due';
import { GET as getBoardRoute } from '../../src/routes/api/v1/board/+server';
import { throughHook } from '../helpers/hook';
import { backends, firstOwner } from '../helpers/services';

/** A calendar date `days` from today in UTC (the test shop's time zone). */
function dayFrom(days: number): string {
	const date = new Date(`${todayIn('UTC')}T00:00:00Z`);
	date.setUTCDate(date.getUTCDate() + days);
	return date.toISOString().slice(0, 10);
}

describe.each(backends)('the board API filters like the board on $name', (backend) => {
	let services: StartedServices;
	let owner: Actor;
	let display: Actor;
	let displaySecret: string;
	const ids: Record<string, number> = {};

	/** The numbers of the orders the board API answers for `query`, by their names here. */
	async function shown(query: string, actor = owner): Promise<string[]> {
		const board = await readBoard(services.db.sql, actor, new URLSearchParams(query));
		const names = Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, name]));
		return board.orders.map((order) => names[order.id]).filter(Boolean);
	}

	async function refused(query: string, actor = owner): Promise<DomainError> {
		const error = await readBoard(services.db.sql, actor, new URLSearchParams(query)).then(
			() => undefined,
			(e: unknown) => e
		);
		expect(error, query).toBeInstanceOf(DomainError);
		return error as DomainError;
	}

	beforeAll(async () => {
		services = await backend.start();
		registerServices(services);
		await services.db.sql`update settings set time_zone = 'UTC'`;
		({ owner } = await firstOwner(services));
		const order = async (name: string, input: Record<string, unknown>) => {
			const { card } = await createOrder(services, owner, input);
			ids[name] = card.id;
			return card.id;
		};
		const ring = await order('ring', {
			customer: { givenName: 'Hannah', familyName: 'Okafor' },
			title: 'Oval solitaire, 14k yellow gold',
			pieceType: 'engagement_ring',
			rush: true,
			assignee: 'Priya',
			dueDate: dayFrom(0)
		});
		await addBlocker(services, owner, ring, { description: 'Center stone from the dealer' });
		await order('band', {
			customer: { givenName: 'Noor', familyName: 'Haddad' },
			title: 'Brushed platinum band',
			pieceType: 'wedding_band',
			assignee: 'Elena',
			dueDate: dayFrom(20),
			stones: [{ role: 'center', source: 'customer', gem: 'Diamond' }]
		});
		await order('pendant', {
			customer: { givenName: 'Zoë', familyName: 'Marchetti' },
			title: 'Grandmother’s diamond pendant',
			pieceType: 'pendant'
		});
		await order('late', {
			customer: { givenName: 'Tomas', familyName: 'Lindqvist' },
			title: 'Ring resize',
			pieceType: 'repair',
			dueDate: dayFrom(-3)
		});
		// Stuck: in intake for a month.
		await services.db.sql`
			update orders set stage_entered_at = now() - interval '30 days' where id = ${ids.late}`;
		// The band is in casting, the others in intake.
		await services.db.sql`update orders set stage = 'casting' where id = ${ids.band}`;
		displaySecret = (await createApiToken(services, owner, { name: 'Showroom', role: 'display' }))
			.secret;
		display = await authenticateBearer(services, `Bearer ${displaySecret}`);
	});
	afterAll(async () => {
		if (services) unregisterServices(services);
		await services?.stop();
	});

	it('answers every open order without a filter, in board order', async () => {
		expect((await shown('')).sort()).toEqual(['band', 'late', 'pendant', 'ring']);
		const board = await readBoard(services.db.sql, owner, new URLSearchParams());
		expect(board.view).toBeUndefined();
		expect(board.complete).toBe(true);
	});

	it.each([
		['due=today', ['ring']],
		['due=overdue', ['late']],
		['due=none', ['pendant']],
		['due=next_14', ['ring']],
		[`due=range&from=${dayFrom(1)}&to=${dayFrom(30)}`, ['band']],
		[`due=range&to=${dayFrom(-1)}`, ['late']],
		['stage=casting', ['band']],
		['stage=intake,casting&piece=wedding_band', ['band']],
		['assignee=Priya', ['ring']],
		['rush=1', ['ring']],
		['piece=pendant', ['pendant']],
		['own=1', ['band']],
		['waiting=1', ['ring']],
		['stuck=1', ['late']],
		['q=okafor', ['ring']],
		['q=zoe', ['pendant']],
		['q=center stone', ['ring']],
		['rush=1&stage=casting', []]
	])('%s narrows the board', async (query, expected) => {
		expect((await shown(query)).sort()).toEqual(expected);
		const board = await readBoard(services.db.sql, owner, new URLSearchParams(query));
		// Which filters were read, as the board's URL writes them; the counts stay the whole board's.
		expect(board.view).toBeTruthy();
		expect(Object.values(board.stageCounts).reduce((a, b) => a + b, 0)).toBe(4);
	});

	it('sorts each column by due date, undated last, as the board does', async () => {
		expect(await shown('stage=intake&sort=due')).toEqual(['late', 'ring', 'pendant']);
	});

	it('answers a value it cannot read with a 400 naming the parameter', async () => {
		const cases: [string, string, RegExp][] = [
			['due=tomorrow', 'due', /must be one of overdue, today/],
			['due=range', 'due', /needs from or to/],
			['due=range&from=2026-02-30', 'from', /calendar date/],
			['from=2026-12-01', 'from', /only with due=range/],
			['stage=casting,kitchen', 'stage', /kitchen: the stages are intake, design/],
			['stage=picked_up', 'stage', /picked_up/],
			['stage=design&stage=casting', 'stage', /more than once/],
			['piece=tiara', 'piece', /must be one of engagement_ring/],
			['rush=yes', 'rush', /must be one of 1, 0/],
			['stuck=true', 'stuck', /must be one of 1, 0/],
			['sort=random', 'sort', /must be one of manual, due/],
			[`q=${'a'.repeat(201)}`, 'q', /longer than 200/],
			['stages=casting', 'stages', /is not one of the board's filters: location, due, from, to/],
			['location=front', 'location', /must be a location's id/]
		];
		for (const [query, param, message] of cases) {
			const error = await refused(query);
			expect(error.status, query).toBe(400);
			expect(error.details.field, query).toBe(param);
			expect(error.message, query).toMatch(new RegExp(`^${param} `));
			expect(error.message, query).toMatch(message);
		}
	});

	it('through the route: a JSON 400, and the filtered board for a token', async () => {
		const bad = await throughHook(
			'/api/v1/board?stage=kitchen',
			{ headers: { authorization: `Bearer ${displaySecret}` } },
			getBoardRoute
		);
		expect(bad.status).toBe(400);
		expect((await bad.json()).error).toMatchObject({ code: 'invalid', field: 'stage' });
		const good = await throughHook(
			'/api/v1/board?stage=casting',
			{ headers: { authorization: `Bearer ${displaySecret}` } },
			getBoardRoute
		);
		expect(good.status).toBe(200);
		const board = await good.json();
		expect(board.view).toBe('stage=casting');
		expect(board.orders.map((order: { id: number }) => order.id)).toEqual([ids.band]);
	});

	it('a wall display filters only what it may see: masked names, and no forecast', async () => {
		expect(await shown('q=hannah', display)).toEqual(['ring']);
		// The family name never reaches a display, so it cannot be searched for either.
		expect(await shown('q=okafor', display)).toEqual([]);
		const board = await readBoard(services.db.sql, display, new URLSearchParams('rush=1'));
		expect(board.orders.map((order) => order.customerName)).toEqual(['Hannah O.']);
		const risk = await refused('risk=1', display);
		expect(risk.status).toBe(403);
		expect(risk.message).toBe('A wall display shows no forecast');
	});

	it('reads the at-risk filter from the forecast, for those who may read it', async () => {
		// A new shop has too little history for any forecast: nothing is at risk yet.
		expect(await shown('risk=1')).toEqual([]);
	});
});
