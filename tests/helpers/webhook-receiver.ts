import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
	headers: http.IncomingHttpHeaders;
	body: string;
	at: number;
}

/**
 * A shop's partner system in a test: an HTTP server on 127.0.0.1 (an ephemeral port) that keeps
 * every POST and answers with the next status of `answers` (200 once they run out), after `delayMs`.
 */
export async function startReceiver() {
	const received: Received[] = [];
	const answers: number[] = [];
	let delayMs = 0;
	const server = http.createServer((request, response) => {
		let body = '';
		request.setEncoding('utf8');
		request.on('data', (chunk: string) => (body += chunk));
		request.on('end', () => {
			received.push({ headers: request.headers, body, at: Date.now() });
			const status = answers.shift() ?? 200;
			setTimeout(() => {
				response.writeHead(status, { 'content-type': 'text/plain' });
				response.end(status < 300 ? 'thanks' : `trouble ${status}`);
			}, delayMs);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/hooks`,
		received,
		/** Statuses to answer, in turn, before answering 200 again. */
		answer: (...statuses: number[]) => answers.push(...statuses),
		slow: (ms: number) => (delayMs = ms),
		reset: () => {
			received.length = 0;
			answers.length = 0;
			delayMs = 0;
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
