import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { RequestEvent } from '@sveltejs/kit';
import { locateAttachment } from '$lib/server/attachments';
import { DomainError } from '$lib/server/errors';
import { actorOf, parseId, respond } from '$lib/server/http';
import { log } from '$lib/server/log';

/**
 * Sends an attachment's bytes. Content-addressed, so a browser may keep them for good; served as
 * the type sniffed at upload, never sniffed again by the browser, and PDFs never run as a page.
 */
export async function sendAttachment(
	event: RequestEvent<{ attachmentId: string }>,
	variant: 'original' | 'thumbnail'
): Promise<Response> {
	try {
		const file = await locateAttachment(
			event.locals.services,
			actorOf(event.locals),
			parseId(event.params.attachmentId, 'Attachment'),
			variant
		);
		const stat = await fs.promises.stat(file.path);
		const name = encodeURIComponent(file.fileName);
		return new Response(Readable.toWeb(fs.createReadStream(file.path)) as ReadableStream, {
			headers: {
				'content-type': file.mediaType,
				'content-length': String(stat.size),
				'cache-control': 'private, max-age=31536000, immutable',
				'x-content-type-options': 'nosniff',
				'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
				'content-disposition': `inline; filename*=UTF-8''${name}`
			}
		});
	} catch (error) {
		if (error instanceof DomainError) return respond(event, () => Promise.reject(error));
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
			log.error({ err: error }, 'an attachment file is missing from the data folder');
		}
		return respond(event, () => Promise.reject(error));
	}
}
