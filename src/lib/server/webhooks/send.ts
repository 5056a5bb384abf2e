import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ResolvedAddress } from './addresses';

export interface SendResult {
	status: number;
	/** The start of the answer's body, for the owner's list of deliveries. */
	excerpt: string;
}

const EXCERPT_CHARS = 500;

/**
 * POSTs a body to a URL, connecting to `address` only (already checked against the SSRF guard: a
 * second DNS answer could point elsewhere), with the URL's host name for TLS and the Host header.
 * Redirects are not followed (a 3xx is an answer like any other); the whole exchange has
 * `timeoutMs`. Throws on a network error or the timeout.
 */
export function postJson(
	url: URL,
	address: ResolvedAddress,
	headers: Record<string, string>,
	body: string,
	timeoutMs: number
): Promise<SendResult> {
	const pinned: LookupFunction = (_host, options, callback) => {
		if (options.all) callback(null, [address]);
		else callback(null, address.address, address.family);
	};
	const client = url.protocol === 'https:' ? https : http;
	return new Promise((resolve, reject) => {
		const request = client.request(
			url,
			{
				method: 'POST',
				lookup: pinned,
				headers: {
					...headers,
					'content-type': 'application/json',
					'content-length': Buffer.byteLength(body),
					'user-agent': 'Benchboard-Webhooks/1'
				},
				signal: AbortSignal.timeout(timeoutMs)
			},
			(response) => {
				let excerpt = '';
				response.setEncoding('utf8');
				response.on('data', (chunk: string) => {
					if (excerpt.length < EXCERPT_CHARS) excerpt += chunk;
					else response.destroy();
				});
				const done = () =>
					resolve({ status: response.statusCode ?? 0, excerpt: excerpt.slice(0, EXCERPT_CHARS) });
				response.on('end', done);
				response.on('close', done);
				response.on('error', done);
			}
		);
		request.on('error', (error) =>
			reject(
				error.name === 'AbortError' || error.name === 'TimeoutError'
					? new Error(`no answer within ${timeoutMs / 1000} s`)
					: error
			)
		);
		request.end(body);
	});
}
