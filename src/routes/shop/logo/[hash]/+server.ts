import fs from 'node:fs';
import { Readable } from 'node:stream';
import { respond } from '$lib/server/http';
import { locateLogo } from '$lib/server/shop-logo';
import type { RequestHandler } from './$types';

/** The shop's logo, by its content hash: public (the status page shows it) and cached for good. */
export const GET: RequestHandler = async (event) => {
	try {
		const logo = await locateLogo(event.locals.services, event.params.hash);
		const stat = await fs.promises.stat(logo.path);
		return new Response(Readable.toWeb(fs.createReadStream(logo.path)) as ReadableStream, {
			headers: {
				'content-type': logo.mediaType,
				'content-length': String(stat.size),
				'cache-control': 'public, max-age=31536000, immutable',
				'x-content-type-options': 'nosniff',
				'content-security-policy': "default-src 'none'; sandbox"
			}
		});
	} catch (error) {
		return respond(event, () => Promise.reject(error));
	}
};
