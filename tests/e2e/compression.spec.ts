import { expect, test } from './fixtures';
import type { Board } from '../../src/lib/types';

test('pages, JSON and the app’s files go out compressed to a browser that accepts it', async ({
	request,
	page
}) => {
	const board = await request.get('/api/v1/board', {
		headers: { 'accept-encoding': 'br, gzip' }
	});
	expect(board.headers()['content-encoding']).toBe('br');
	expect(((await board.json()) as Board).orders.length).toBeGreaterThan(0);
	const gzip = await request.get('/api/v1/board', { headers: { 'accept-encoding': 'gzip' } });
	expect(gzip.headers()['content-encoding']).toBe('gzip');
	const html = await request.get('/', { headers: { 'accept-encoding': 'gzip' } });
	expect(html.headers()['content-encoding']).toBe('gzip');
	// Not to a client that asks for it plain.
	const plain = await request.get('/api/v1/board', { headers: { 'accept-encoding': 'identity' } });
	expect(plain.headers()['content-encoding']).toBeUndefined();

	// The built scripts and styles are served from files compressed at build time.
	const scripts: string[] = [];
	page.on('response', (response) => {
		if (/\/_app\/immutable\/.*\.(js|css)$/.test(response.url()))
			scripts.push(response.headers()['content-encoding'] ?? 'none');
	});
	await page.goto('/');
	await expect(page.getByText('Live', { exact: true })).toBeVisible();
	expect(scripts.length).toBeGreaterThan(0);
	expect(scripts.every((encoding) => encoding === 'br' || encoding === 'gzip')).toBe(true);
});
