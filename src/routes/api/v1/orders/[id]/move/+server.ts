import { moveOrder } from '$lib/server/orders';
import { cardCommand, methodNotAllowed } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) => cardCommand(event, moveOrder);

export const fallback: RequestHandler = methodNotAllowed;
