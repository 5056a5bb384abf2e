import { removeAttachment } from '$lib/server/attachments';
import { methodNotAllowed, orderCommand, parseId } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const DELETE: RequestHandler = (event) =>
	orderCommand(event, (services, actor, id) =>
		removeAttachment(services, actor, id, parseId(event.params.attachmentId, 'Attachment'))
	);

export const fallback: RequestHandler = methodNotAllowed;
