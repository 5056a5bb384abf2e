import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../../src/lib/server/customers';
import { DomainError } from '../../src/lib/server/errors';
import { eventsAfter } from '../../src/lib/server/events';
import { createOrder, moveOrder } from '../../src/lib/server/orders';
import { getBoard } from '../../src/lib/server/board';
import type { StartedServices } from '../../src/lib/server/start';
import { BOARD_STAGES } from '../../src/lib/stages';
import type { OrderCard } from '../../src/lib/types';
import { backends } from '../helpers/services';
import { until } from '../helpers/until';

describe.each(backends)('concurrent writers on $name', (backend) => {
	let services: StartedServices;
	beforeAll(async () => {
		services = await backend.start();
	});
	afterAll(() => services?.stop());

	it('50 concurrent moves of a few cards leave unique keys, every card once, a gap-free log in commit order, and events handed to screens in seq order', async () => {
		const cards: OrderCard[] = [];
		for (let i = 0; i < 5; i++) {
			cards.push(
				(
					await createOrder(services, services.shopActor, {
						customer: { givenName: 'Noah', familyName: `Feldman ${i}` },
						title: `Anniversary ring ${i}`
					})
				).card
			);
		}
		const { lastSeq: startSeq } = await eventsAfter(services.db.sql, 0, 1);
		// What the screens are handed: every event once, in seq order, however the commits resolve.
		const published: number[] = [];
		const unsubscribe = services.bus.subscribe((event) => published.push(event.seq));

		// A screen reading the log while the writers commit must never see a later seq before an
		// earlier one: whatever it reads continues exactly where it left off.
		let seen = startSeq;
		let writing = true;
		const reader = (async () => {
			while (writing) {
				const { events } = await eventsAfter(services.db.sql, seen, 1000);
				events.forEach((event, index) => expect(event.seq).toBe(seen + index + 1));
				seen = events.at(-1)?.seq ?? seen;
				await new Promise((resolve) => setTimeout(resolve, 2));
			}
		})();

		// Each writer moves a card to a random stage after a card it believes is there, with the
		// version it last saw, retrying on 409 as a client would after taking the current state.
		let outcomes = { moved: 0, conflicts: 0 };
		const moves = Array.from({ length: 50 }, async (_, n) => {
			const card = cards[n % cards.length];
			for (let attempt = 0; attempt < 30; attempt++) {
				const board = await getBoard(services.db.sql, services.shopActor);
				const current = board.orders.find((o) => o.id === card.id)!;
				const stage = BOARD_STAGES[(n * 7 + attempt) % BOARD_STAGES.length];
				const column = board.orders.filter((o) => o.stage === stage && o.id !== card.id);
				const after = column.length ? column[(n + attempt) % column.length].id : null;
				try {
					(
						await moveOrder(services, services.shopActor, card.id, {
							stage,
							afterId: after,
							version: current.version
						})
					).card;
					outcomes.moved++;
					return;
				} catch (error) {
					if (!(error instanceof DomainError) || error.status !== 409) throw error;
					outcomes.conflicts++;
				}
			}
			throw new Error(`move ${n} never went through`);
		});
		await Promise.all(moves);
		writing = false;
		await reader;

		const board = await getBoard(services.db.sql, services.shopActor);
		expect(board.orders.map((o) => o.id).sort((a, b) => a - b)).toEqual(cards.map((c) => c.id));
		const keys = board.orders.map((o) => `${o.stage}/${o.orderKey}`);
		expect(new Set(keys).size).toBe(keys.length);

		const { events, lastSeq } = await eventsAfter(services.db.sql, startSeq, 1000);
		expect(events.map((e) => e.seq)).toEqual(
			Array.from({ length: events.length }, (_, i) => startSeq + i + 1)
		);
		expect(lastSeq).toBe(startSeq + events.length);
		unsubscribe();
		expect(published).toEqual(events.map((e) => e.seq));
		// Every move that went through wrote exactly one event (a move to where the card already was writes none).
		expect(events.length).toBeLessThanOrEqual(outcomes.moved);
		expect(events.length).toBeGreaterThan(0);
		// Versions per card rise by one with each of its events: no update was lost.
		for (const card of cards) {
			const own = events.filter((e) => e.orderId === card.id).map((e) => e.payload.after.version);
			expect(own).toEqual(own.map((_, i) => 2 + i));
			expect(board.orders.find((o) => o.id === card.id)!.version).toBe(1 + own.length);
		}
		outcomes = { moved: 0, conflicts: 0 };
	}, 120_000);

	it('hands screens every event once and in seq order while 200 orders are taken in at once', async () => {
		const { lastSeq: start } = await eventsAfter(services.db.sql, 0, 1);
		const published: number[] = [];
		const unsubscribe = services.bus.subscribe((event) => published.push(event.seq));
		await Promise.all(
			Array.from({ length: 200 }, (_, i) =>
				createOrder(services, services.shopActor, {
					customer: { givenName: 'Ines', familyName: `Moreau ${i}` },
					title: `Signet ring ${i}`
				})
			)
		);
		// Each new customer's event, then their order's.
		await until(() => published.length >= 400, 'every event published');
		unsubscribe();
		expect(published).toEqual(Array.from({ length: 400 }, (_, i) => start + i + 1));
	});

	it('events after a seq are exactly the ones missed, and a limit pages through them', async () => {
		const maya = await createCustomer(services, services.shopActor, {
			givenName: 'Maya',
			familyName: 'Patel'
		});
		const { lastSeq: start } = await eventsAfter(services.db.sql, 0, 1);
		const made: number[] = [];
		for (let i = 0; i < 5; i++) {
			const card = (
				await createOrder(services, services.shopActor, {
					customer: { id: maya.id },
					title: `Eternity band ${i}`
				})
			).card;
			made.push(card.id);
		}
		const all = await eventsAfter(services.db.sql, start, 1000);
		expect(all.events.map((e) => e.orderId)).toEqual(made);
		expect(all.lastSeq).toBe(start + 5);
		const firstPage = await eventsAfter(services.db.sql, start, 2);
		expect(firstPage.events.map((e) => e.seq)).toEqual([start + 1, start + 2]);
		expect(firstPage.lastSeq).toBe(start + 5);
		const rest = await eventsAfter(services.db.sql, start + 2, 1000);
		expect(rest.events.map((e) => e.seq)).toEqual([start + 3, start + 4, start + 5]);
		expect((await eventsAfter(services.db.sql, start + 5, 1000)).events).toEqual([]);
	});
});
