import { methodNotAllowed } from '$lib/server/http';
import { sendAttachment } from '../file';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => sendAttachment(event, 'thumbnail');

export const fallback: RequestHandler = methodNotAllowed;
