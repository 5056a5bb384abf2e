// One screen's copy of the board, kept as docs/api.md tells a client to: events applied in seq
// order, `/events?after=` asked on a gap (or after a reconnect).
import type { Board } from '../src/lib/types';
import type { OrderEvent } from '../src/lib/events';

export type Place = { stage: string; orderKey: string | null; version: number };

/** One screen's copy of the board: each card's place, and the last event applied. */
export class ScreenBoard {
	cards: Map<number, Place>;
	seq: number;
	#early = new Map<number, OrderEvent>();
	#catchingUp = false;

	constructor(
		board: Board,
		private readonly catchUp: (after: number) => Promise<OrderEvent[]>,
		private readonly counts: { outOfOrder: number; catchUps: number }
	) {
		this.cards = new Map(board.orders.map((o) => [o.id, placeOf(o)]));
		this.seq = board.seq;
	}

	receive(event: OrderEvent): void {
		if (event.seq <= this.seq) return;
		if (event.seq !== this.seq + 1) {
			this.counts.outOfOrder++;
			this.#early.set(event.seq, event);
			void this.#askForMissing();
			return;
		}
		this.#apply(event);
		let next: OrderEvent | undefined;
		while ((next = this.#early.get(this.seq + 1))) {
			this.#early.delete(next.seq);
			this.#apply(next);
		}
	}

	#apply(event: OrderEvent): void {
		this.seq = event.seq;
		const after = event.payload.after as Partial<Place>;
		const card = event.orderId !== null ? this.cards.get(event.orderId) : undefined;
		if (card) Object.assign(card, pick(after));
		for (const { id, orderKey } of event.payload.rekeyed ?? []) {
			const other = this.cards.get(id);
			if (other) other.orderKey = orderKey;
		}
	}

	/** After a reconnect: whatever committed while the screen was away comes from the log. */
	resume(): void {
		void this.#askForMissing();
	}

	async #askForMissing(): Promise<void> {
		if (this.#catchingUp) return;
		this.#catchingUp = true;
		this.counts.catchUps++;
		try {
			let page: OrderEvent[];
			do {
				page = await this.catchUp(this.seq);
				for (const event of page) this.receive(event);
				// A full page (the callers ask for 1,000) may have more behind it.
			} while (page.length > 0 && (this.#early.size > 0 || page.length >= 1000));
		} catch {
			// The process asked went away: the screen asks again (its reconnect picks another).
			setTimeout(() => {
				this.#catchingUp = false;
				void this.#askForMissing();
			}, 100);
			return;
		}
		this.#catchingUp = false;
	}
}

export function placeOf(card: { stage: string; orderKey: string | null; version: number }): Place {
	return { stage: card.stage, orderKey: card.orderKey, version: card.version };
}

function pick(after: Partial<Place>): Partial<Place> {
	const place: Partial<Place> = {};
	if (after.stage !== undefined) place.stage = after.stage;
	if (after.orderKey !== undefined) place.orderKey = after.orderKey;
	if (after.version !== undefined) place.version = after.version;
	return place;
}

/**
 * How many screens hold another board than `truth`: given up to 15 s to reach its seq, each must
 * then hold every card exactly where the server has it, at the same version.
 */
export async function boardsDiffering(
	boards: ScreenBoard[],
	truth: Board,
	pollMs: number
): Promise<number> {
	const deadline = Date.now() + 15_000;
	while (boards.some((b) => b.seq < truth.seq) && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, pollMs));
	}
	const expected = truth.orders.map((o) => [o.id, placeOf(o)] as const);
	return boards.filter(
		(screen) =>
			screen.seq !== truth.seq ||
			expected.some(([id, place]) => {
				const mine = screen.cards.get(id);
				return (
					mine?.stage !== place.stage ||
					mine.orderKey !== place.orderKey ||
					mine.version !== place.version
				);
			})
	).length;
}
