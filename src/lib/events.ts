import type { WeightUnit } from './words/vocabulary';
import type { Holder, OrderCard } from './types';

/**
 * The log's events, one map from each type to its payload, read by the server that writes them,
 * the socket that carries them and the screens that apply them. Narrowing on `type` gives the
 * payload its own shape: no reader casts.
 */

/** A field bag read from or written to a row (a stone's, a customer's, an order's details). */
type Fields = Record<string, unknown>;

/** What the log keeps about the inside of an order: its before and after, never sent to screens. */
interface Detail<Before, After> {
	before: Before;
	after: After;
}

/** What a move changes on the card (the same four fields for a move back, an undo). */
export type Placement = Pick<OrderCard, 'stage' | 'orderKey' | 'stageEnteredAt' | 'version'>;

/** What a pick-up keeps: who released it, what was owed and what went back with it. */
export interface PickupDetail {
	releasedBy: string;
	balanceCents: number | null;
	overrideReason: string | null;
	itemsReturned: {
		id: number;
		description: string;
		from: Holder;
		weight: number | null;
		weightUnit: WeightUnit;
	}[];
}

/**
 * A transfer of the piece between two locations, as its sending and its receipt record it: the
 * customer's items that travelled with it and what each weighed (on leaving, or on arrival).
 */
export interface TransferDetail {
	transferId: number;
	from: { id: number; name: string };
	to: { id: number; name: string };
	sentBy: string;
	sentAt: string;
	/** Set once received. */
	receivedBy: string | null;
	receivedAt: string | null;
	note: string | null;
	items: { id: number; description: string; weight: number | null; weightUnit: WeightUnit }[];
}

/** A message the shop queued for the customer, as a move to Ready records it. */
export interface QueuedMessage {
	id: number;
	subject: string;
	status: 'queued' | 'not_sent';
	reason: string | null;
}

/** A message's fate as the outbox reports it. */
export interface MessageOutcome {
	id: number;
	kind: string;
	subject: string;
	channel: string | null;
	recipient: string | null;
	reason: string | null;
}

/** The card's fields before and after, and what changed inside the order (its detail, `D`). */
interface Payload<Before, After, D = never> {
	/** The card's fields before the change (null for a created order). */
	before: Before;
	/** The card's fields after the change: applying them to the card brings it up to date. */
	after: After;
	/** When a move had to spread a column's keys out again: the new key of every other card in it. */
	rekeyed?: { id: number; orderKey: string }[];
	/**
	 * What changed inside the order (a stone, a payment...), before and after, for the history. It
	 * may hold money or contact details, so it is kept in the log and never sent to screens.
	 */
	detail?: D;
	/** Set when this change takes back an earlier one (its seq). */
	undoOf?: number;
}

/** The thing inside an order before and after a change (null: it was added, or removed). */
export type InsideDetail = Detail<Fields | null, Fields | null>;
/** A change inside an order: the card shows only what changed because of it (a marker, a blocker). */
type Inside = Payload<Partial<OrderCard>, Partial<OrderCard>, InsideDetail>;

/** A change that touches no card: only its detail says what happened. */
type OffCard<After> = Payload<Partial<OrderCard>, Partial<OrderCard>, Detail<null, After>>;

/** The changes to something inside an order (a stone, a payment, an item...), made by `changeInsideOrder`. */
export type InsideEventType =
	| 'stone.added'
	| 'stone.updated'
	| 'stone.removed'
	| 'vendor_job.added'
	| 'vendor_job.updated'
	| 'payment.recorded'
	| 'blocker.added'
	| 'blocker.resolved'
	| 'attachment.added'
	| 'attachment.removed'
	| 'item.checked_in'
	| 'item.handed_off'
	| 'item.returned';

export interface EventPayloads extends Record<InsideEventType, Inside> {
	'order.created': Payload<null, OrderCard, Detail<null, Fields>>;
	'order.updated': Payload<Partial<OrderCard>, Partial<OrderCard>, Detail<Fields, Fields>>;
	'order.moved': Payload<
		Placement,
		Placement,
		Detail<null, { messageQueued?: QueuedMessage; messageWithdrawn?: number }>
	>;
	'order.picked_up': Payload<
		Placement & Partial<OrderCard>,
		Placement & Partial<OrderCard>,
		Detail<null, PickupDetail>
	>;
	'customer.created': Payload<null, Partial<OrderCard>, Detail<null, Fields>>;
	/** A rename shows on the customer's cards: their before and after carry the names. */
	'customer.updated': Payload<Partial<OrderCard>, Partial<OrderCard>, Detail<Fields, Fields>>;
	'notes.edited': OffCard<{ field: string; startedAt: string; endedAt: string; text: string }>;
	'notification.queued': OffCard<Fields & { kind: string }>;
	'notification.sent': OffCard<MessageOutcome>;
	'notification.failed': OffCard<MessageOutcome>;
	'notification.not_sent': OffCard<MessageOutcome>;
	'status_link.renewed': Payload<Partial<OrderCard>, Partial<OrderCard>, never>;
	/** The piece left for another location: its card says where it is heading and since when. */
	'order.transfer_sent': Payload<
		Partial<OrderCard>,
		Partial<OrderCard>,
		Detail<null, TransferDetail>
	>;
	/** The piece arrived: its card says where it is now. */
	'order.transfer_received': Payload<
		Partial<OrderCard>,
		Partial<OrderCard>,
		Detail<null, TransferDetail>
	>;
}

export type OrderEventType = keyof EventPayloads;

export type OrderEventPayload<T extends OrderEventType = OrderEventType> = EventPayloads[T];

/**
 * One row of the append-only log. `seq` is gap-free and in commit order. `OrderEvent<'order.moved'>`
 * is a move; a plain `OrderEvent` is any of them, told apart by `type`.
 */
export type OrderEvent<T extends OrderEventType = OrderEventType> = {
	[K in T]: {
		seq: number;
		/** Null for an event about a customer (then `customerId` is set): it may touch several cards. */
		orderId: number | null;
		customerId?: number | null;
		type: K;
		actor: { id: number; name: string };
		at: string;
		payload: EventPayloads[K];
		/**
		 * The locations the change concerns (the order's before and after; a customer's, all of
		 * their open orders'), by which a screen limited to one location is sent only its own. The
		 * events written before locations are the first store's, as every order then was.
		 */
		locationIds?: number[] | null;
		/**
		 * Sent to a screen limited to one location only: at least the seq of that location's last
		 * earlier event. A screen whose seq is behind it missed one and catches up first.
		 */
		prevSeq?: number;
	};
}[T];

/** Whether an event is one of `types`, narrowing its payload to theirs. */
export function isEvent<T extends OrderEventType>(
	event: OrderEvent,
	...types: T[]
): event is OrderEvent & OrderEvent<T> {
	return (types as OrderEventType[]).includes(event.type);
}
