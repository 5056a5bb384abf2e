import fs from 'node:fs';
import { expect, test } from './fixtures';
import { io } from 'socket.io-client';
import type { Board } from '../../src/lib/types';
import type { OrderEvent } from '../../src/lib/events';
import { ownServer } from './own-server';
import { contextAs, DEMO } from './sign-in';
import { displayLink } from './wall-display';

const json = { 'content-type': 'application/json' };
const newOrder = {
	customer: {
		givenName: 'Isadora',
		familyName: 'Quintrell',
		phone: '555-0199',
		email: 'isadora@example.com'
	},
	title: 'Sapphire halo pendant'
};

test.describe('without signing in', () => {
	test.use({ storageState: { cookies: [], origins: [] } });

	test('pages send you to sign in, the API answers 401, and nothing is written', async ({
		page,
		request
	}) => {
		await page.goto('/');
		await expect(page).toHaveURL(/\/login\?next=%2F$/);
		await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
		expect((await request.get('/api/v1/board')).status()).toBe(401);
		const before = (await (await request.get('/api/v1/health')).json()).seq;
		const created = await request.post('/api/v1/orders', { headers: json, data: newOrder });
		expect(created.status()).toBe(401);
		expect((await created.json()).error.code).toBe('unauthenticated');
		expect((await (await request.get('/api/v1/health')).json()).seq).toBe(before);
	});

	test("the API's OpenAPI document is public; the data it describes is not", async ({
		request
	}) => {
		const answer = await request.get('/api/v1/openapi.json');
		expect(answer.status()).toBe(200);
		const document = await answer.json();
		expect(document.openapi).toBe('3.1.0');
		expect(Object.keys(document.paths)).toContain('/api/v1/orders/{id}/move');
		expect((await request.get('/api/v1/orders/1')).status()).toBe(401);
	});

	test('a socket without a session is refused', async ({ baseURL }) => {
		const socket = io(baseURL!, { transports: ['websocket'], reconnection: false });
		const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
		expect(error.message).toBe('unauthenticated');
		socket.close();
	});

	test('a wrong password and an unknown user get the same answer; five failures make the account wait', async ({
		page
	}) => {
		await page.goto('/login');
		const attempt = async (username: string, password: string) => {
			await page.getByLabel('Username').fill(username);
			await page.getByLabel('Password').fill(password);
			await Promise.all([
				page.waitForResponse((r) => r.request().method() === 'POST'),
				page.getByRole('button', { name: 'Sign in' }).click()
			]);
			return page.getByRole('alert').textContent();
		};
		expect(await attempt('nobody-here', 'whatever it is')).toBe(
			await attempt('morgan', 'not the password')
		);
		for (let i = 0; i < 4; i++) await attempt('morgan', `not the password ${i}`);
		await attempt('morgan', DEMO.manager.password);
		// The message is written once the answer is in: wait for it rather than read it at once.
		await expect(page.getByRole('alert')).toHaveText(/Too many failed sign-ins/);
	});
});

test('a cross-site request carrying the cookie is refused and writes nothing', async ({
	request
}) => {
	const before = (await (await request.get('/api/v1/health')).json()).seq;
	const response = await request.post('/api/v1/orders', {
		headers: { ...json, origin: 'http://evil.example' },
		data: newOrder
	});
	expect(response.status()).toBe(403);
	expect((await (await request.get('/api/v1/health')).json()).seq).toBe(before);
});

test('each role sees the board and the actions it may take', async ({ browser, baseURL }) => {
	const expectations = {
		owner: { create: true, move: true, manage: true },
		staff: { create: true, move: true, manage: false },
		bench: { create: false, move: true, manage: false }
	} as const;
	for (const [who, can] of Object.entries(expectations) as [
		keyof typeof expectations,
		(typeof expectations)[keyof typeof expectations]
	][]) {
		const context = await contextAs(browser, baseURL!, who);
		const page = await context.newPage();
		await page.goto('/');
		await expect(page.getByText('Live', { exact: true })).toBeVisible();
		await expect(
			page.getByText(DEMO[who].username === 'elena' ? 'Elena Novak' : /./).first()
		).toBeVisible();
		await expect(page.getByRole('button', { name: 'New order' })).toHaveCount(can.create ? 1 : 0);
		await expect(page.getByRole('link', { name: 'Settings' })).toHaveCount(can.manage ? 1 : 0);
		// Customer profiles are for the counter, not the bench.
		await expect(page.getByRole('link', { name: 'Customers' })).toHaveCount(
			who === 'bench' ? 0 : 1
		);
		expect(await page.getByRole('button', { name: /^Move CO-/ }).count()).toBeGreaterThan(0);
		const created = await context.request.post('/api/v1/orders', { headers: json, data: newOrder });
		expect(created.status()).toBe(can.create ? 201 : 403);
		const settings = await page.goto('/settings');
		expect(settings?.status()).toBe(can.manage ? 200 : 403);
		await context.close();
	}
});

test('a bench jeweler does not get the customer phone or email', async ({
	browser,
	baseURL,
	request
}) => {
	const { card: created } = await (
		await request.post('/api/v1/orders', { headers: json, data: newOrder })
	).json();
	const bench = await contextAs(browser, baseURL!, 'bench');
	const order = await (await bench.request.get(`/api/v1/orders/${created.id}`)).json();
	expect(order.customer).toMatchObject({ givenName: 'Isadora', phone: null, email: null });
	await bench.close();
});

test('a wall display shows the board masked and live, and revoking it blanks the screen', async ({
	browser,
	baseURL,
	page,
	request
}) => {
	const link = await displayLink(page, 'Workshop TV');

	const tv = await browser.newContext({
		storageState: { cookies: [], origins: [] },
		viewport: { width: 1920, height: 1080 }
	});
	const screen = await tv.newPage();
	await screen.goto(link);
	await expect(screen).toHaveURL(/\/display$/);
	await expect(screen.getByText('Live', { exact: true })).toBeVisible();
	const board = (await (await request.get('/api/v1/board')).json()) as Board;
	// Cards shown in full name their customer masked (a crowded column's compact rows name nobody).
	const shown = await screen.locator('main').textContent();
	const full = (await screen.locator('main article.card:not(.compact)').allTextContents()).join(
		' '
	);
	let named = 0;
	for (const order of board.orders) {
		expect(shown).not.toContain(order.customerName);
		if (!full.includes(order.number)) continue;
		expect(full).toContain(order.customerShortName);
		named++;
	}
	expect(named).toBeGreaterThan(0);
	await expect(screen.getByRole('button').filter({ hasNotText: 'Fullscreen' })).toHaveCount(0);
	// The display's own cookie gets masked data from the API and nothing else.
	const masked = (await (await tv.request.get('/api/v1/board')).json()) as Board;
	expect(JSON.stringify(masked)).not.toContain('Quintrell');
	expect((await tv.request.get(`/api/v1/orders/${board.orders[0].id}`)).status()).toBe(403);

	// Its socket gets events with names masked, never a phone, an email or a last name.
	const cookie = (await tv.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
	const socket = io(baseURL!, {
		transports: ['websocket'],
		extraHeaders: { cookie },
		reconnection: false
	});
	await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
	// The new customer's event, then the order's: both on the wire, masked.
	const events: OrderEvent[] = [];
	const received = new Promise<OrderEvent>((resolve) =>
		socket.on('order:event', (event: OrderEvent) => {
			events.push(event);
			if (event.type === 'order.created') resolve(event);
		})
	);
	const created = await request.post('/api/v1/orders', { headers: json, data: newOrder });
	expect(created.status()).toBe(201);
	const event = await received;
	expect(events.map((one) => one.type)).toEqual(['customer.created', 'order.created']);
	const wire = JSON.stringify(events);
	expect(event.type === 'order.created' && event.payload.after.customerName).toBe('Isadora Q.');
	for (const secret of ['Quintrell', '555-0199', 'isadora@example.com', 'Avery'])
		expect(wire).not.toContain(secret);
	const isadora = ((await created.json()) as { card: { number: string } }).card.number;
	await expect(screen.getByText(isadora, { exact: true })).toBeVisible();

	const disconnected = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
	await page.reload();
	await page
		.getByRole('row', { name: /Workshop TV/ })
		.getByRole('button', { name: 'Revoke' })
		.click();
	await disconnected;
	await expect(screen).toHaveURL(/\/login/, { timeout: 15_000 });
	await expect(screen.getByText(isadora, { exact: true })).toHaveCount(0);
	expect((await tv.request.get('/api/v1/board')).status()).toBe(401);
	socket.close();
	await tv.close();
});

test('a socket from a page on another site is refused', async ({ baseURL, context }) => {
	const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
	const socket = io(baseURL!, {
		transports: ['websocket'],
		reconnection: false,
		extraHeaders: { cookie, origin: 'http://evil.example' }
	});
	const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
	expect(error.message).toBe('forbidden origin');
	socket.close();
});

test.describe('first run', () => {
	const server = ownServer(3109, 'test-results/setup-data', 'none');
	const baseURL = server.baseURL;
	test.use({ storageState: { cookies: [], origins: [] } });

	test.beforeAll(async () => {
		fs.rmSync('test-results/setup-data', { recursive: true, force: true });
		await server.start();
	});
	test.afterAll(() => server.stop());

	test('a new database walks you through creating the owner, once', async ({ page }) => {
		await page.goto(`${baseURL}/`);
		await expect(page).toHaveURL(`${baseURL}/setup`);
		await page
			.getByRole('group', { name: 'Your shop' })
			.getByLabel('Name', { exact: true })
			.fill('Diaz Fine Jewelry');
		await page.getByLabel('Your name').fill('Rosa Diaz');
		await page.getByLabel('Username').fill('rosa');
		await page.getByLabel('Password').fill('password123');
		await page.getByRole('button', { name: 'Create the shop and sign in' }).click();
		await expect(page.getByRole('alert')).toContainText(/password is too common/i);
		await page.getByLabel('Password').fill('lantern over the quiet harbour');
		await page.getByRole('button', { name: 'Create the shop and sign in' }).click();
		await expect(page).toHaveURL(`${baseURL}/`);
		await expect(page.getByText('0 open orders')).toBeVisible();
		await expect(page.getByLabel('Rosa Diaz, owner: account')).toBeVisible();
		await page.goto(`${baseURL}/setup`);
		await expect(page).toHaveURL(/\/$/);
	});
});

test('the owner ends a signed-in session from the staff page, and that browser is signed out', async ({
	browser,
	baseURL,
	page
}) => {
	const bench = await contextAs(browser, baseURL!, 'bench', { userAgent: 'Bench tablet 7' });
	expect((await bench.request.get('/api/v1/board')).status()).toBe(200);
	await page.goto('/settings');
	const row = page.getByRole('row', { name: /Elena Novak/ }).filter({ hasText: 'Bench tablet 7' });
	await row.getByRole('button', { name: /^End the session of Elena Novak/ }).click();
	await expect(row).toHaveCount(0);
	expect((await bench.request.get('/api/v1/board')).status()).toBe(401);
	await bench.close();
});
