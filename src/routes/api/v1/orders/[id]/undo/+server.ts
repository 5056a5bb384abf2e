import { undoChange } from '$lib/server/undo';
import { cardCommand, methodNotAllowed } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Answers like a move or an edit: the card as it now stands and the undo's seq. */
export const POST: RequestHandler = (event) => cardCommand(event, undoChange);

export const fallback: RequestHandler = methodNotAllowed;
