import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { takeBackup, type BackupPlace } from '../src/lib/server/backup/schedule';
import { log } from '../src/lib/server/log';

export const BACKUP_PATH = '/internal/backup';
const TOKEN_FILE = 'backup.token';

/** Where `npm run backup` finds the running server's token: only the server's own user reads it. */
export const backupTokenFile = (dataDir: string) => path.resolve(dataDir, TOKEN_FILE);

/** The command runs on the server's own machine: a request from elsewhere is not it. */
const local = (req: http.IncomingMessage) =>
	req.socket.remoteAddress === req.socket.localAddress ||
	['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(req.socket.remoteAddress ?? '');

/**
 * `npm run backup` on the embedded database, which only the running server may open: the command
 * asks the server, from this machine, with a token the server writes to the data folder at start.
 * Answers true when it took the request.
 */
export function backupEndpoint(dataDir: string, place: BackupPlace) {
	const token = randomBytes(32).toString('hex');
	const expected = Buffer.from(`Bearer ${token}`);

	/** Once listening: where the command finds this server, and the token, for this user only. */
	const announce = (host: string, port: number) => {
		const local = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
		fs.mkdirSync(dataDir, { recursive: true });
		fs.writeFileSync(
			backupTokenFile(dataDir),
			`${JSON.stringify({ url: `http://${local.includes(':') ? `[${local}]` : local}:${port}${BACKUP_PATH}`, token })}\n`,
			{ mode: 0o600 }
		);
	};

	const handle = (req: http.IncomingMessage, res: http.ServerResponse): boolean => {
		if (req.url !== BACKUP_PATH) return false;
		const given = Buffer.from(req.headers.authorization ?? '');
		const answer = (status: number, body: object) => {
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(body));
		};
		if (
			req.method !== 'POST' ||
			!local(req) ||
			given.length !== expected.length ||
			!timingSafeEqual(given, expected)
		) {
			answer(404, { error: { code: 'not_found', message: 'Not found' } });
			return true;
		}
		let text = '';
		req.setEncoding('utf8');
		req.on('data', (chunk: string) => (text += chunk.slice(0, 4096)));
		req.on('end', () => {
			let dir = place.dir;
			try {
				const body = JSON.parse(text || '{}') as { dir?: unknown };
				if (typeof body.dir === 'string' && path.isAbsolute(body.dir)) dir = body.dir;
			} catch {
				return answer(400, { error: { code: 'invalid', message: 'body must be JSON' } });
			}
			takeBackup({ ...place, dir }, 'manual').then(
				({ file, sha256, manifest }) => {
					log.info({ file }, 'backup written');
					answer(200, {
						file,
						sha256,
						tables: manifest.tables.length,
						files: manifest.files.length
					});
				},
				(error: Error) => {
					log.error({ err: error }, 'backup failed');
					answer(500, { error: { code: 'failed', message: error.message } });
				}
			);
		});
		return true;
	};
	return { handle, announce };
}
