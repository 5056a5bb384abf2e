import { methodNotAllowed } from '$lib/server/http';
import { sendAttachment } from './file';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => sendAttachment(event, 'original');

export const fallback: RequestHandler = methodNotAllowed;
