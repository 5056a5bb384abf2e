import { expect, test } from './fixtures';
import type { Board } from '../../src/lib/types';

/** What every answer tells the browser: run only our scripts, no framing, no leaking the URL. */
test('pages, JSON and the status page carry the security headers', async ({ request, baseURL }) => {
	const board = await request.get('/');
	const page = board.headers();
	expect(page['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+'/);
	expect(page['content-security-policy']).toContain("frame-ancestors 'none'");
	expect(page['content-security-policy']).toContain("object-src 'none'");
	expect(page['content-security-policy']).not.toMatch(/script-src[^;]*unsafe-inline/);
	expect(page['x-content-type-options']).toBe('nosniff');
	expect(page['referrer-policy']).toBe('strict-origin-when-cross-origin');
	expect(page['permissions-policy']).toContain('camera=()');
	// Served over plain http here: no HSTS, which would pin a shop's LAN name to https.
	expect(page['strict-transport-security']).toBeUndefined();

	const api = (await request.get('/api/v1/board')).headers();
	expect(api['content-security-policy']).toBe(
		"default-src 'none'; frame-ancestors 'none'; sandbox"
	);
	expect(api['x-content-type-options']).toBe('nosniff');

	const { orders } = (await (await request.get('/api/v1/board')).json()) as Board;
	const order = await request.get(`/orders/${orders[0].id}`);
	expect(order.headers()['permissions-policy']).toContain('camera=(self)');

	const link = (await (await request.get(`/api/v1/orders/${orders[0].id}/status-link`)).json()) as {
		url: string;
	};
	const status = await request.get(new URL(new URL(link.url).pathname, baseURL).href);
	expect(status.status()).toBe(200);
	expect(status.headers()['referrer-policy']).toBe('no-referrer');

	// A redirect (signed out) carries them too.
	const signedOut = await request.get('/', {
		headers: { cookie: '' },
		maxRedirects: 0
	});
	expect(signedOut.headers()['x-content-type-options']).toBe('nosniff');
});
