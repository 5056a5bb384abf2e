import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface AuditKey {
	key: Buffer;
	/** What the owner's page shows, to tell one key from another without showing it. */
	fingerprint: string;
	/** Where it came from: the AUDIT_KEY variable, or the file named. */
	source: string;
}

export function auditKeyFrom(key: Buffer, source: string): AuditKey {
	const digest = createHash('sha256').update(key).digest('hex').slice(0, 16);
	return { key, fingerprint: digest.match(/.{4}/g)!.join(' '), source };
}

/**
 * The key that signs checkpoints, kept outside the database: AUDIT_KEY (64 hex digits), or
 * `audit.key` in the data folder, made on first start and readable by this user only. Whoever
 * holds both the key and the database can rewrite history undetected; keep a copy of the key
 * somewhere the database's administrators cannot write.
 */
export function loadAuditKey(dataDir: string, env = process.env): AuditKey {
	if (env.AUDIT_KEY) {
		if (!/^[0-9a-fA-F]{64,}$/.test(env.AUDIT_KEY)) {
			throw new Error('AUDIT_KEY must be at least 64 hex digits (32 random bytes)');
		}
		return auditKeyFrom(Buffer.from(env.AUDIT_KEY, 'hex'), 'the AUDIT_KEY variable');
	}
	const file = path.resolve(dataDir, 'audit.key');
	if (!fs.existsSync(file)) {
		fs.mkdirSync(path.dirname(file), { recursive: true });
		// Written whole beside it, then linked into place (which refuses if it exists): processes
		// started at once on one data folder all take the first one's key, never a half-written file.
		const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
		fs.writeFileSync(draft, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
		try {
			fs.linkSync(draft, file);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		} finally {
			fs.rmSync(draft, { force: true });
		}
	}
	const text = fs.readFileSync(file, 'utf8').trim();
	if (!/^[0-9a-f]{64,}$/i.test(text)) throw new Error(`${file} does not hold a key`);
	return auditKeyFrom(Buffer.from(text, 'hex'), file);
}
