import { expect, type APIRequestContext, type APIResponse } from './fixtures';
import type { Board, Order, OrderCard } from '../../src/lib/types';
import type { OrderEvent } from '../../src/lib/events';
import type { CardAnswer, OrderAnswer } from '../../src/lib/api/answers';

/** What the API tests share: the way they call the API and check that a refusal changed nothing. */

export const API = '/api/v1';
export const RUN = Date.now().toString(36);
let made = 0;

export interface ApiError {
	code: string;
	message: string;
	field?: string;
	current?: OrderCard;
}

export interface EventsPage {
	events: OrderEvent[];
	lastSeq: number;
}

export const json = { 'content-type': 'application/json' };

export function unique(label: string): string {
	made += 1;
	return `${label} ${RUN}-${made}`;
}

/** The response's JSON, once its status is the one expected (the body is in the message if not). */
export async function bodyOf<T>(response: APIResponse, status = 200): Promise<T> {
	const text = await response.text();
	expect(response.status(), `${response.url()} answered ${text.slice(0, 300)}`).toBe(status);
	return JSON.parse(text) as T;
}

export async function healthSeq(request: APIRequestContext): Promise<number> {
	const health = await bodyOf<{ ok: boolean; seq: number }>(
		await request.get(`${API}/health`),
		200
	);
	expect(health.ok).toBe(true);
	return health.seq;
}

export async function readBoard(request: APIRequestContext): Promise<Board> {
	return bodyOf<Board>(await request.get(`${API}/board`), 200);
}

export function column(board: Board, stage: string): number[] {
	return board.orders.filter((card) => card.stage === stage).map((card) => card.id);
}

export async function readOrder(request: APIRequestContext, id: number): Promise<Order> {
	return bodyOf<Order>(await request.get(`${API}/orders/${id}`), 200);
}

export async function eventsAfter(request: APIRequestContext, after: number, limit?: number) {
	const query = limit === undefined ? `after=${after}` : `after=${after}&limit=${limit}`;
	return bodyOf<EventsPage>(await request.get(`${API}/events?${query}`), 200);
}

/** A new order in intake for a new customer, unless `fields` says otherwise. */
export async function createOrder(
	request: APIRequestContext,
	fields: Record<string, unknown> = {}
): Promise<OrderCard> {
	const data = {
		customer: { givenName: 'Test', familyName: unique('Customer') },
		title: unique('Ring'),
		...fields
	};
	return (await bodyOf<CardAnswer>(await request.post(`${API}/orders`, { data }), 201)).card;
}

export async function patchOrder(
	request: APIRequestContext,
	id: number,
	data: Record<string, unknown>
) {
	return (await bodyOf<OrderAnswer>(await request.patch(`${API}/orders/${id}`, { data }), 200))
		.order;
}

export async function moveOrder(
	request: APIRequestContext,
	card: Pick<OrderCard, 'id' | 'version'>,
	stage: string,
	afterId: number | null
): Promise<OrderCard> {
	return (
		await bodyOf<CardAnswer>(
			await request.post(`${API}/orders/${card.id}/move`, {
				data: { stage, afterId, version: card.version }
			}),
			200
		)
	).card;
}

/** The card fields of an order as GET returns it, to compare with a card from the board. */
export function cardOf(order: Order): OrderCard {
	// Every key of OrderCard, so a new card field fails the type check here rather than a test later.
	const keys: Record<keyof OrderCard, true> = {
		id: true,
		number: true,
		title: true,
		stage: true,
		orderKey: true,
		version: true,
		dueDate: true,
		rush: true,
		assignee: true,
		customerId: true,
		customerName: true,
		customerShortName: true,
		pieceType: true,
		occasion: true,
		stageEnteredAt: true,
		firstBlocker: true,
		customerStones: true,
		customerItems: true,
		intakeLocationId: true,
		pickupLocationId: true,
		locationId: true,
		transitFromId: true,
		transitToId: true,
		transitSince: true
	};
	return Object.fromEntries(
		Object.keys(keys).map((key) => [key, order[key as keyof OrderCard]])
	) as unknown as OrderCard;
}

/** Checks the error body every refused request must carry, and returns it. */
export async function expectError(
	response: APIResponse,
	expected: { status: number; code: string; field?: string; message?: RegExp; supplied?: boolean }
): Promise<ApiError> {
	const text = await response.text();
	expect(response.status(), `${response.url()} answered ${text.slice(0, 300)}`).toBe(
		expected.status
	);
	expect(response.headers()['content-type'] ?? '').toContain('application/json');
	const body = JSON.parse(text) as { error: ApiError };
	expect(body.error.code).toBe(expected.code);
	expect(typeof body.error.message).toBe('string');
	expect(body.error.message.trim().length).toBeGreaterThan(0);
	if (expected.field !== undefined) {
		expect(body.error.field).toBe(expected.field);
		// The message names what is wrong, so it makes sense shown on its own.
		expect(body.error.message).toContain(expected.field);
	}
	if (expected.message) expect(body.error.message).toMatch(expected.message);
	// A value was sent: it is the wrong kind, not missing, and the message must not say otherwise.
	if (expected.supplied) expect(body.error.message).not.toMatch(/is required/);
	return body.error;
}

/**
 * Runs `work` (requests that must be refused) and checks that nothing was written: the global
 * seq, the board, and every order named in `ids` read the same before and after.
 */
export async function expectNoChange(
	request: APIRequestContext,
	ids: number[],
	work: () => Promise<void>
): Promise<void> {
	const seqBefore = await healthSeq(request);
	const boardBefore = await readBoard(request);
	const ordersBefore = await Promise.all(ids.map((id) => readOrder(request, id)));
	await work();
	expect(await healthSeq(request), 'the global seq moved: something was written').toBe(seqBefore);
	const boardAfter = await readBoard(request);
	expect(boardAfter.seq).toBe(seqBefore);
	expect(boardAfter.orders).toEqual(boardBefore.orders);
	for (const before of ordersBefore) expect(await readOrder(request, before.id)).toEqual(before);
}

// ---------------------------------------------------------------------------------------------
// Happy paths
// ---------------------------------------------------------------------------------------------
