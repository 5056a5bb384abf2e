import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * How a delivery is signed (a Stripe-like scheme): HMAC-SHA256, keyed with the endpoint's secret
 * as written (its UTF-8 bytes), over `<timestamp>.<body>`, sent as
 * `Benchboard-Signature: t=<unix seconds>,v1=<hex>`. docs/api.md shows a receiver checking it.
 */
export const SIGNATURE_HEADER = 'Benchboard-Signature';

/** A new endpoint secret: 32 random bytes, base64url, with a prefix that says what it is. */
export const newSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

export function signature(secret: string, timestamp: number, body: string): string {
	return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

export const signatureHeader = (secret: string, timestamp: number, body: string) =>
	`t=${timestamp},v1=${signature(secret, timestamp, body)}`;

/**
 * The receiver's check, as docs/api.md writes it: the signature is right and the timestamp within
 * `toleranceSeconds` of now (an old delivery replayed by someone who caught it is refused).
 */
export function verifySignature(
	secret: string,
	header: string,
	body: string,
	toleranceSeconds = 300,
	now = Date.now()
): boolean {
	const parts = Object.fromEntries(header.split(',').map((part) => part.split('=', 2)));
	const timestamp = Number(parts.t);
	if (!Number.isInteger(timestamp) || !parts.v1) return false;
	if (Math.abs(now / 1000 - timestamp) > toleranceSeconds) return false;
	const expected = Buffer.from(signature(secret, timestamp, body), 'hex');
	const given = Buffer.from(parts.v1, 'hex');
	return given.length === expected.length && timingSafeEqual(given, expected);
}
