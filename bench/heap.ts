// The server's memory as V8 sees it after a full garbage collection, read over Node's inspector
// (the server is started with --inspect on 127.0.0.1 by the bench alone): no code in the app and
// no endpoint for it. RSS is no good for a per-screen figure on the embedded database: PGlite's
// WebAssembly heap grows in steps and never shrinks, so RSS moves by megabytes either way.
import WebSocket from 'ws';

export interface HeapReading {
	/** JavaScript objects alive after the collection. */
	heapUsedKb: number;
	/** Memory outside the JS heap held by JS objects (buffers, WebAssembly memory among them). */
	externalKb: number;
}

export async function heapAfterGc(inspectPort: number): Promise<HeapReading> {
	const targets = (await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json()) as {
		webSocketDebuggerUrl: string;
	}[];
	const socket = new WebSocket(targets[0].webSocketDebuggerUrl);
	await new Promise((resolve, reject) => {
		socket.once('open', resolve);
		socket.once('error', reject);
	});
	let nextId = 0;
	const call = (method: string, params: object = {}) =>
		new Promise<{ result?: { value?: unknown } }>((resolve, reject) => {
			const id = ++nextId;
			const onMessage = (data: WebSocket.RawData) => {
				const message = JSON.parse(String(data)) as {
					id?: number;
					result?: { result?: { value?: unknown } };
					error?: { message: string };
				};
				if (message.id !== id) return;
				socket.off('message', onMessage);
				if (message.error) reject(new Error(`${method}: ${message.error.message}`));
				else resolve(message.result ?? {});
			};
			socket.on('message', onMessage);
			socket.send(JSON.stringify({ id, method, params }));
		});
	try {
		// Twice: objects with finalizers (sockets' handles among them) go in the second pass.
		await call('HeapProfiler.collectGarbage');
		await call('HeapProfiler.collectGarbage');
		const answer = await call('Runtime.evaluate', {
			expression: 'JSON.stringify(process.memoryUsage())',
			returnByValue: true
		});
		const usage = JSON.parse(String(answer.result?.value)) as NodeJS.MemoryUsage;
		return { heapUsedKb: usage.heapUsed / 1024, externalKb: usage.external / 1024 };
	} finally {
		socket.close();
	}
}
