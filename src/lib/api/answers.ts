import type { Order, OrderCard } from '../types';

/**
 * What the API's order commands answer, shared by the routes that send them and the screens that
 * read them. Every answer carries the seq of the command's event (null when it changed nothing):
 * the screen that made a change offers its Undo at once and knows that event on the socket.
 */

/** Creating, editing, moving, undoing or picking up an order: the card as it now stands. */
export interface CardAnswer {
	seq: number | null;
	card: OrderCard;
}

/** A change inside an order (a stone, a payment, an item...): the whole order as the caller may see it. */
export interface OrderAnswer {
	seq: number | null;
	order: Order;
}
