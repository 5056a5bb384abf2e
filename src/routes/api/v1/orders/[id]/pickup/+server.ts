import { pickUpOrder } from '$lib/server/release';
import { cardCommand, methodNotAllowed } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) => cardCommand(event, pickUpOrder);

export const fallback: RequestHandler = methodNotAllowed;
