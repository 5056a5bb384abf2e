// The baseline: a bare socket.io broadcast to every client, no database and no auth. A POST to
// /broadcast sends one event shaped like a board event to every connected client.
import http from 'node:http';
import { Server } from 'socket.io';

let seq = 0;
const server = http.createServer((req, res) => {
	if (req.url === '/health') return void res.end('ok');
	if (req.method === 'POST' && req.url === '/broadcast') {
		const event = {
			seq: ++seq,
			number: 'CO-1001',
			type: 'order.moved',
			actor: { id: 1, name: 'Shop' },
			at: new Date().toISOString(),
			payload: {
				before: { stage: 'casting', orderKey: 'a0', version: seq },
				after: { stage: 'setting', orderKey: 'Zz', version: seq + 1 }
			}
		};
		io.emit('order:event', event);
		res.writeHead(200, { 'content-type': 'application/json' });
		return void res.end(JSON.stringify({ seq }));
	}
	res.writeHead(404).end();
});
const io = new Server(server, { serveClient: false });
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => {
	void io.close();
	server.close(() => process.exit(0));
});
