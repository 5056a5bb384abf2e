import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The server's settings from the environment, read in one place. */
export function readConfig(env: NodeJS.ProcessEnv = process.env) {
	const port = Number(env.PORT ?? 3000);
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		throw new Error(`PORT must be a port number, not "${env.PORT}"`);
	}
	const seed = env.SEED ?? 'demo';
	if (seed !== 'demo' && seed !== 'none')
		throw new Error(`SEED must be "demo" or "none", not "${seed}"`);
	const dataDir = env.DATA_DIR ?? './data';
	const keep = Number(env.BACKUP_KEEP ?? 14);
	if (!Number.isInteger(keep) || keep < 1)
		throw new Error(
			`BACKUP_KEEP must be a whole number of backups to keep, not "${env.BACKUP_KEEP}"`
		);
	return {
		port,
		/** HOST when set; otherwise the server decides (loopback for a demo database). */
		host: env.HOST || undefined,
		url: env.DATABASE_URL || undefined,
		dataDir,
		/** Nightly backups, and one before new migrations: where they go and how many are kept. */
		backups: { dir: env.BACKUP_DIR || path.join(dataDir, 'backups'), keep },
		seed: seed as 'demo' | 'none',
		/** Links in customers' messages: the address they reach the shop's app at. */
		publicUrl: env.PUBLIC_URL || env.ORIGIN || `http://localhost:${port}`,
		/** Customer messages: email over SMTP, text messages through an HTTP gateway. */
		channels: {
			smtpUrl: env.SMTP_URL || undefined,
			smtpFrom: env.SMTP_FROM || undefined,
			smsWebhookUrl: env.SMS_WEBHOOK_URL || undefined
		},
		// server/ and build-server/ both sit beside migrations/.
		migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url))
	};
}
