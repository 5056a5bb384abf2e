import type { z } from 'zod';
import type { OrderHistory } from '../words/history/entry';
import type { Order } from '../types';
import type { moveOrderSchema, pickUpOrderSchema } from '../validation';
import type { CardAnswer, OrderAnswer } from './answers';
import { api, uploadFile } from './client';

/** The order commands a screen sends, each with the body its route reads and the answer it gives. */

const url = (id: number, path = '') => `/api/v1/orders/${id}${path}`;

export const getOrder = (id: number) => api<Order>('GET', url(id));

export const getHistory = (id: number) => api<OrderHistory>('GET', url(id, '/history'));

export const moveOrder = (
	id: number,
	body: z.input<typeof moveOrderSchema>,
	idempotencyKey?: string
) => api<CardAnswer>('POST', url(id, '/move'), body, { idempotencyKey });

/** Takes back the change whose event is `seq`: a move goes back, an edit is reversed. */
export const undoChange = (id: number, seq: number) =>
	api<CardAnswer>('POST', url(id, '/undo'), { seq });

export const pickUpOrder = (id: number, body: z.input<typeof pickUpOrderSchema>) =>
	api<CardAnswer>('POST', url(id, '/pickup'), body);

/**
 * A change to the order or inside it (`path` under the order: '' for its fields, '/stones', ...).
 * The answer is the whole order as the viewer may see it.
 */
export const changeOrder = (
	id: number,
	method: string,
	path: string,
	body?: unknown,
	idempotencyKey?: string
) => api<OrderAnswer>(method, url(id, path), body, { idempotencyKey });

/** Adds a photo or a document: its bytes are the body, what it is travels in the query. */
export const uploadAttachment = (
	id: number,
	meta: Record<string, string>,
	file: File,
	onprogress: (fraction: number) => void,
	idempotencyKey?: string
) =>
	uploadFile<OrderAnswer>(
		url(id, `/attachments?${new URLSearchParams(meta)}`),
		file,
		onprogress,
		idempotencyKey
	);
