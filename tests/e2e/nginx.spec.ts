import fs from 'node:fs';
import sharp from 'sharp';
import { expect, test } from './fixtures';
import { nginxInFront } from './behind-nginx';
import { ownServer } from './own-server';

/**
 * The production setup of docs/operations.md: the app on loopback, nginx in front with TLS and the
 * WebSocket upgrade, and the environment the systemd unit sets. Everything a shop does must work
 * through it: signing in, the live board, live notes, a phone's photo, the customer's link.
 */
const DATA = 'test-results/nginx-app-data';
const PIECE = `Claddagh ring in rose gold ${Date.now().toString(36)}`;
const PORTS = { http: 3080, https: 3443, app: 3113 };
const proxy = nginxInFront('test-results/nginx', PORTS);
const app = ownServer(PORTS.app, DATA, 'demo', {
	PUBLIC_URL: proxy.origin,
	PROTOCOL_HEADER: 'x-forwarded-proto',
	HOST_HEADER: 'x-forwarded-host',
	ADDRESS_HEADER: 'x-forwarded-for',
	XFF_DEPTH: '1'
});

test.describe('behind nginx with TLS, as docs/operations.md sets it up', () => {
	test.beforeAll(async () => {
		fs.rmSync(DATA, { recursive: true, force: true });
		await app.start();
		await proxy.start();
	});
	test.afterAll(async () => {
		await proxy.stop();
		await app.stop();
	});

	test('staff sign in over https and the board, notes, photos and links all work through it', async ({
		browser
	}) => {
		// Plain http is sent to https.
		const plain = await fetch(`http://127.0.0.1:${PORTS.http}/settings`, { redirect: 'manual' });
		expect(plain.status).toBe(301);
		expect(plain.headers.get('location')).toMatch(/^https:\/\/[^/]+\/settings$/);

		const context = await browser.newContext({
			baseURL: proxy.origin,
			ignoreHTTPSErrors: true,
			storageState: undefined,
			viewport: { width: 1600, height: 1000 }
		});
		const page = await context.newPage();
		const sockets: string[] = [];
		page.on('websocket', (socket) => sockets.push(socket.url()));

		// The sign-in form's origin check holds through the proxy's headers.
		await page.goto('/');
		await expect(page).toHaveURL(`${proxy.origin}/login?next=%2F`);
		await page.getByLabel('Username').fill('sam');
		await page.getByLabel('Password').fill('demo-staff-pass');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page).toHaveURL(`${proxy.origin}/`);
		const session = (await context.cookies()).find((cookie) => cookie.name === 'bb_session');
		expect(session?.secure).toBe(true);

		// The live board is a WebSocket through nginx, and a move reaches it at once.
		await expect(page.getByText('Live')).toBeVisible();
		expect(sockets.some((url) => url.startsWith(`wss://127.0.0.1:${PORTS.https}/socket.io/`))).toBe(
			true
		);
		const headers = { origin: proxy.origin };
		const created = await context.request.post('/api/v1/orders', {
			headers,
			data: {
				customer: { givenName: 'Aoife', familyName: 'Brennan' },
				title: PIECE
			}
		});
		expect(created.status(), await created.text()).toBe(201);
		const order = ((await created.json()) as { card: { id: number; version: number } }).card;
		await context.request.post(`/api/v1/orders/${order.id}/move`, {
			headers,
			data: { stage: 'design', afterId: null, version: order.version }
		});
		await expect(
			page
				.getByRole('list', { name: 'Design', exact: true })
				.getByRole('listitem', { name: new RegExp(PIECE) })
		).toBeVisible();

		// A phone camera's photo is larger than nginx lets through by default.
		const photo = await sharp({
			create: {
				width: 2400,
				height: 1800,
				channels: 3,
				background: '#7a5c1e',
				noise: { type: 'gaussian', mean: 128, sigma: 60 }
			}
		})
			.jpeg({ quality: 100 })
			.toBuffer();
		expect(photo.byteLength).toBeGreaterThan(2_000_000);
		const uploaded = await context.request.post(
			`/api/v1/orders/${order.id}/attachments?kind=reference&fileName=sketch.jpg`,
			{ headers: { ...headers, 'content-type': 'image/jpeg' }, data: photo }
		);
		expect(uploaded.status(), await uploaded.text()).toBe(201);

		// Live notes: their own WebSocket, through the same proxy.
		await page.goto(`/orders/${order.id}`);
		await expect(
			page.getByRole('group', { name: 'Design notes' }).getByRole('status')
		).toContainText('Live');
		expect(sockets.some((url) => url.startsWith(`wss://127.0.0.1:${PORTS.https}/collab/`))).toBe(
			true
		);

		// The customer's link is the shop's https address, and it opens through nginx.
		const link = await context.request.get(`/api/v1/orders/${order.id}/status-link`);
		const { url } = (await link.json()) as { url: string };
		expect(url.startsWith(`${proxy.origin}/s/`)).toBe(true);
		const customer = await browser.newContext({ ignoreHTTPSErrors: true, storageState: undefined });
		const phone = await customer.newPage();
		await phone.goto(url);
		// The piece in the customer's words (a piece of no given type), never the staff's title.
		await expect(phone.getByRole('heading', { level: 1, name: 'Your piece' })).toBeVisible();
		await expect(phone.getByText(PIECE)).toHaveCount(0);
		await customer.close();
		await context.close();

		expect(proxy.log()).not.toMatch(/\[(emerg|alert|crit|error|warn)\]/);
	});
});
