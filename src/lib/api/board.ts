import type { OrderEvent } from '../events';
import type { Board } from '../types';
import type { BoardPreferences } from '../validation/preferences';
import { api } from './client';

/** The whole board, as a screen that fell too far behind takes it again. */
export const getBoard = () => api<Board>('GET', '/api/v1/board');

/** The log after `seq`, a page at a time, and the newest seq committed. */
export const eventsAfter = (seq: number, limit = 1000) =>
	api<{ events: OrderEvent[]; lastSeq: number; through?: number }>(
		'GET',
		`/api/v1/events?after=${seq}&limit=${limit}`
	);

/** This person's own board preferences, kept with their account. */
export const saveBoardPreferences = (preferences: BoardPreferences) =>
	api<BoardPreferences>('PUT', '/api/v1/me/preferences', preferences);
