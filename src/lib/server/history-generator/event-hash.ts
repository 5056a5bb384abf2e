import { createHash } from 'node:crypto';

/**
 * The log's hash of an event, computed here instead of in SQL so that a year of history can be
 * written in bulk: the same text as `order_event_hash` (migrations/0005_event_hash_chain.sql),
 * including jsonb's own text form of the payload. `npm run audit:verify` checks every one.
 */
export function eventHash(event: {
	prevHash: string | null;
	seq: number;
	orderId: number | null;
	customerId: number | null;
	type: string;
	actorId: number;
	payload: unknown;
	createdAt: Date;
}): string {
	const iso = event.createdAt.toISOString(); // 2026-01-05T14:03:07.123Z
	const text = [
		event.prevHash ?? '',
		String(event.seq),
		event.orderId === null ? '' : String(event.orderId),
		event.customerId === null ? '' : String(event.customerId),
		event.type,
		String(event.actorId),
		jsonbText(event.payload),
		`${iso.slice(0, 23)}000Z`
	].join('|');
	return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * How PostgreSQL prints a jsonb value: object keys shorter first, then by their bytes, each key
 * once; ", " and ": " between items. Only what JSON.stringify would keep (undefined dropped).
 */
export function jsonbText(value: unknown): string {
	if (value === null || value === undefined) return 'null';
	if (Array.isArray(value)) return `[${value.map(jsonbText).join(', ')}]`;
	if (value instanceof Date) return JSON.stringify(value.toISOString());
	if (typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>).filter(
			([, item]) => item !== undefined
		);
		entries.sort(([a], [b]) => compareKeys(a, b));
		return `{${entries.map(([key, item]) => `${JSON.stringify(key)}: ${jsonbText(item)}`).join(', ')}}`;
	}
	return JSON.stringify(value);
}

function compareKeys(a: string, b: string): number {
	const left = Buffer.from(a, 'utf8');
	const right = Buffer.from(b, 'utf8');
	return left.length - right.length || Buffer.compare(left, right);
}
