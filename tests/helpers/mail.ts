import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
	to: string;
	subject: string;
	messageId: string;
	idempotencyKey: string;
	body: string;
}

function header(raw: string, name: string): string {
	const match = new RegExp(`^${name}:\\s*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(raw);
	return match ? match[1].replace(/\r?\n[ \t]+/g, ' ').trim() : '';
}

/** A real SMTP server on a local port that keeps what it receives. */
export async function startMailServer() {
	const received: ReceivedMail[] = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		onData(stream, session, callback) {
			let raw = '';
			stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
			stream.on('end', () => {
				const [head, ...rest] = raw.split(/\r?\n\r?\n/);
				received.push({
					to: session.envelope.rcptTo.map((rcpt) => rcpt.address).join(', '),
					subject: header(head, 'Subject'),
					messageId: header(head, 'Message-ID'),
					idempotencyKey: header(head, 'X-Idempotency-Key'),
					body: rest
						.join('\n\n')
						.replace(/=\r?\n/g, '')
						.replace(/\r\n/g, '\n')
				});
				callback();
			});
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.server.address() as AddressInfo).port;
	return {
		url: `smtp://127.0.0.1:${port}`,
		received,
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

/** A stand-in SMS gateway: answers 503 while `failing` says so, and keeps what it accepted. */
export async function startSmsGateway() {
	const accepted: { to: string; body: string; idempotencyKey: string; header: string }[] = [];
	const state = { failing: 0, attempts: 0 };
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (chunk) => (body += chunk));
		req.on('end', () => {
			state.attempts++;
			if (state.failing > 0) {
				state.failing--;
				res.statusCode = 503;
				res.end('gateway busy');
				return;
			}
			const message = JSON.parse(body) as { to: string; body: string; idempotencyKey: string };
			accepted.push({ ...message, header: String(req.headers['idempotency-key']) });
			res.end('{"ok":true}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	return {
		url: `http://127.0.0.1:${port}/sms`,
		accepted,
		state,
		close: () => new Promise((resolve) => server.close(resolve))
	};
}
