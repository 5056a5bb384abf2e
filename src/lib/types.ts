import type { BoardStage, Stage } from './stages';

/** What a board card needs: one row per open order. */
export interface OrderCard {
	id: number;
	number: string;
	title: string;
	stage: Stage;
	/** Position within the stage; null once archived. Compare with `compareKeys`. */
	orderKey: string | null;
	version: number;
	/** A calendar date, YYYY-MM-DD, or null. */
	dueDate: string | null;
	rush: boolean;
	assignee: string | null;
	customerId: number;
	customerName: string;
}

export interface Customer {
	id: number;
	givenName: string;
	familyName: string;
	phone: string | null;
	email: string | null;
}

export interface Order extends OrderCard {
	customer: Customer;
	createdAt: string;
	updatedAt: string;
	stageEnteredAt: string;
}

export type OrderEventType = 'order.created' | 'order.updated' | 'order.moved' | 'order.picked_up';

export interface OrderEventPayload {
	/** The card's fields before the change (null for a created order). */
	before: Partial<OrderCard> | null;
	/** The card's fields after the change: applying them to the card brings it up to date. */
	after: Partial<OrderCard>;
	/** When a move had to spread a column's keys out again: the new key of every other card in it. */
	rekeyed?: { id: number; orderKey: string }[];
}

/** One row of the append-only log. `seq` is gap-free and in commit order. */
export interface OrderEvent {
	seq: number;
	orderId: number;
	type: OrderEventType;
	actor: { id: number; name: string };
	at: string;
	payload: OrderEventPayload;
}

export interface Board {
	shopName: string;
	timeZone: string;
	/** Today in the shop's time zone, YYYY-MM-DD. */
	today: string;
	/** The last event included in `orders`: catch up from here. */
	seq: number;
	/** How many open orders each column has, whether or not `orders` holds them all. */
	stageCounts: Record<BoardStage, number>;
	/** False when `orders` holds only the top of each column (a page's first paint). */
	complete: boolean;
	orders: OrderCard[];
}
