import {
	expect,
	test,
	type APIRequestContext,
	type Browser,
	type Locator,
	type Page
} from './fixtures';
import fs from 'node:fs';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { ownServer } from './own-server';
import { contextAs } from './sign-in';
import { startServices } from '../../src/lib/server/start';
import { migrationsDir } from '../helpers/services';
import type { CardAnswer } from '../../src/lib/api/answers';
import { bodyOf } from './api-helpers';

/**
 * Keeping the customer told: the status page their link opens (no sign-in, nothing of the staff's
 * app), the messages the order page lists with how each went, and the link on the paper they take.
 */

const API = '/api/v1';
const RUN = Date.now().toString(36);
const PHONE = { width: 390, height: 844 };

/** A write with the signed-in context's cookie, sent as our own pages send it. */
const send = (
	request: APIRequestContext,
	baseURL: string,
	method: string,
	path: string,
	data?: object
) => request.fetch(`${API}${path}`, { method, data, headers: { origin: baseURL } });

async function newOrder(request: APIRequestContext, baseURL: string, title: string) {
	return (
		await bodyOf<CardAnswer>(
			await send(request, baseURL, 'POST', '/orders', {
				customer: {
					givenName: 'Olivia',
					familyName: `Bennett${RUN}`,
					phone: '555-0142',
					email: `olivia.${RUN}@example.com`
				},
				title: `${title} ${RUN}`,
				pieceType: 'engagement_ring',
				dueDate: '2027-03-12'
			}),
			201
		)
	).card;
}

const moveTo = async (
	request: APIRequestContext,
	baseURL: string,
	card: { id: number; version: number },
	stage: string
) =>
	bodyOf<CardAnswer>(
		await send(request, baseURL, 'POST', `/orders/${card.id}/move`, {
			stage,
			afterId: null,
			version: card.version
		})
	).then((answer) => answer.card);

const statusLinkOf = async (request: APIRequestContext, baseURL: string, id: number) =>
	(await bodyOf<{ url: string }>(await send(request, baseURL, 'GET', `/orders/${id}/status-link`)))
		.url;

/** The link as the e2e server answers it (its public address may name the host differently). */
const onThisServer = (url: string) => new URL(url).pathname;

/** A phone that has never signed in: what a customer opening the link has. */
const customerPhone = (browser: Browser, baseURL: string) =>
	browser.newContext({ baseURL, storageState: { cookies: [], origins: [] }, viewport: PHONE });

const currentStep = (page: Page) => page.locator('li[aria-current="step"]');

async function decodeQr(code: Locator): Promise<string | undefined> {
	const png = await code.screenshot();
	const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
	return jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data;
}

test('the customer’s link shows their order on a phone and follows it without a reload', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(60_000);
	const staff = await contextAs(browser, baseURL!, 'staff');
	const card = await newOrder(staff.request, baseURL!, 'Sapphire halo ring');
	const link = await statusLinkOf(staff.request, baseURL!, card.id);
	expect(link).toMatch(/^https?:\/\/[^/]+\/s\/[A-Za-z0-9_-]{24}$/);

	const phone = await customerPhone(browser, baseURL!);
	const page = await phone.newPage();
	const answer = await page.goto(onThisServer(link));
	expect(answer?.status()).toBe(200);
	await expect(page).toHaveTitle(new RegExp(card.number));
	await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');
	await expect(page.getByRole('banner').getByText('Benchboard Jewelers')).toBeVisible();
	await expect(page.getByText(card.number)).toBeVisible();
	// The piece in the customer's words: the staff's title (with its bench notes) is not shown.
	await expect(
		page.getByRole('heading', { level: 1, name: 'Your engagement ring', exact: true })
	).toBeVisible();
	await expect(page.getByText(card.title)).toHaveCount(0);
	// How to reach the shop, on the page itself.
	const reach = page.getByRole('contentinfo', { name: /How to reach/ });
	await expect(reach.getByRole('link', { name: /555/ })).toHaveAttribute('href', /^tel:/);
	await expect(reach.locator('address')).not.toBeEmpty();
	await expect(currentStep(page)).toHaveText(/Order received/);
	// A calendar date, as written: no time zone moves it a day (the year only if not this one).
	await expect(page.getByText(/^Expected by Friday, March 12(, 2027)?$/)).toBeVisible();
	// The customer's page, not the shop's app: no navigation, no sign-in.
	await expect(page.getByRole('navigation')).toHaveCount(0);
	await expect(page).toHaveURL(new RegExp(`${onThisServer(link)}$`));

	await moveTo(staff.request, baseURL!, card, 'casting');
	await expect(currentStep(page)).toHaveText(/Being cast/, { timeout: 20_000 });
	await expect(page.getByText('Now: Being cast')).toBeVisible();
	await phone.close();
	await staff.close();
});

test('a wrong or replaced link says “Not found” with no app around it, and the new link works', async ({
	browser,
	baseURL
}) => {
	const staff = await contextAs(browser, baseURL!, 'staff');
	const card = await newOrder(staff.request, baseURL!, 'Pear drop earrings');
	const old = await statusLinkOf(staff.request, baseURL!, card.id);

	// Signed in as staff, a wrong link still shows nothing of the app.
	const staffPage = await staff.newPage();
	const wrong = await staffPage.goto('/s/AAAAAAAAAAAAAAAAAAAAAAAA');
	expect(wrong?.status()).toBe(404);
	await expect(staffPage.getByRole('heading', { level: 1, name: 'Not found' })).toBeVisible();
	await expect(staffPage.getByRole('navigation')).toHaveCount(0);

	const phone = await customerPhone(browser, baseURL!);
	const page = await phone.newPage();
	await page.goto(onThisServer(old));
	await expect(page.getByText(card.number)).toBeVisible();
	// Live (hydrated) before the tab is "looked at again" below.
	await page.waitForLoadState('networkidle');

	const renewed = await bodyOf<{ url: string }>(
		await send(staff.request, baseURL!, 'POST', `/orders/${card.id}/status-link`)
	);
	expect(renewed.url).not.toBe(old);
	// The open page notices when its tab is looked at again.
	await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
	await expect(page.getByRole('heading', { name: 'This link no longer works' })).toBeVisible();
	await expect(page.getByText(card.number)).toHaveCount(0);

	const replaced = await page.goto(onThisServer(old));
	expect(replaced?.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1, name: 'Not found' })).toBeVisible();
	await expect(page.getByText(card.title)).toHaveCount(0);
	// Even a dead link says how to reach the shop.
	await expect(page.getByRole('contentinfo', { name: /How to reach/ })).toContainText(/555/);
	await expect(page.getByRole('navigation')).toHaveCount(0);

	const fresh = await page.goto(onThisServer(renewed.url));
	expect(fresh?.status()).toBe(200);
	await expect(page.getByRole('heading', { level: 1, name: /^Your / })).toBeVisible();
	await phone.close();
	await staff.close();
});

test('the order page lists what the customer was told and how it went, and sends a message of one’s own', async ({
	browser,
	baseURL
}) => {
	const staff = await contextAs(browser, baseURL!, 'staff');
	const card = await newOrder(staff.request, baseURL!, 'Emerald solitaire');
	await moveTo(staff.request, baseURL!, card, 'ready');

	const page = await staff.newPage();
	await page.goto(`/orders/${card.id}`);
	await page.waitForLoadState('networkidle');
	const updates = page.getByRole('region', { name: /^Customer updates/ });
	const messages = updates.getByRole('listitem');
	await expect(messages).toHaveCount(1);
	await expect(messages.first()).toContainText('Ready for pickup');
	await expect(messages.first()).toContainText('Your engagement ring is ready for pickup');
	// The e2e server has no email or text channel: the message is kept, with why it did not go.
	await expect(messages.first()).toContainText('Not sent: no channel configured');
	await expect(messages.first()).toContainText('Sam Ortiz');
	await expect(updates.getByLabel("The customer's status page")).toHaveValue(
		await statusLinkOf(staff.request, baseURL!, card.id)
	);

	await updates.getByRole('button', { name: 'Send an update' }).click();
	await updates.getByLabel('What to tell the customer').selectOption({
		label: 'A message of your own'
	});
	await updates.getByRole('button', { name: 'Send', exact: true }).click();
	await expect(
		updates.getByText('Write what the customer should read', { exact: true })
	).toBeVisible();

	const words = `Your ring is sized and polished ${RUN}`;
	await updates.getByLabel('Your message').fill(words);
	await updates.getByRole('button', { name: 'Send', exact: true }).click();
	await expect(messages).toHaveCount(2);
	const mine = messages.first();
	await expect(mine).toContainText('A message of your own');
	await expect(mine).toContainText(`About your engagement ring (${card.number})`);
	await expect(mine).toContainText('Not sent: no channel configured');
	await mine.getByText('The message', { exact: true }).click();
	await expect(mine).toContainText(words);
	await expect(updates.getByLabel('Your message')).toHaveCount(0);
	await staff.close();

	// A bench jeweler does not write to customers: no such section.
	const bench = await contextAs(browser, baseURL!, 'bench');
	const benchPage = await bench.newPage();
	await benchPage.goto(`/orders/${card.id}`);
	await expect(benchPage.getByRole('region', { name: /^History/ })).toBeVisible();
	await expect(benchPage.getByRole('region', { name: /^Customer updates/ })).toHaveCount(0);
	await bench.close();
});

test('the pickup receipt and the envelope’s customer copy carry a code that opens the status page', async ({
	browser,
	baseURL
}) => {
	const staff = await contextAs(browser, baseURL!, 'staff', { deviceScaleFactor: 2 });
	const card = await newOrder(staff.request, baseURL!, 'Rose gold band');
	const ready = await moveTo(staff.request, baseURL!, card, 'ready');
	await bodyOf<CardAnswer>(
		await send(staff.request, baseURL!, 'POST', `/orders/${card.id}/pickup`, {
			version: ready.version
		})
	);
	const link = await statusLinkOf(staff.request, baseURL!, card.id);

	const page = await staff.newPage();
	await page.goto(`/orders/${card.id}/receipt`);
	const receipt = page.getByRole('main');
	await expect(receipt.getByRole('heading', { name: 'Pickup receipt' })).toBeVisible();
	await expect(receipt).toContainText(`Follow your order: ${link}`);
	expect(await decodeQr(receipt.getByRole('img', { name: /status page/ }))).toBe(link);
	await staff.close();

	// The bench prints envelopes: the strip the customer takes has the same link.
	const bench = await contextAs(browser, baseURL!, 'bench', { deviceScaleFactor: 2 });
	const envelope = await bench.newPage();
	await envelope.goto(`/orders/${card.id}/envelope`);
	const strip = envelope.getByRole('region', { name: /Customer copy/ });
	await expect(strip).toContainText(card.number);
	await expect(strip).toContainText(`Follow your order: ${link}`);
	expect(await decodeQr(strip.getByRole('img', { name: /follow/ }))).toBe(link);
	await bench.close();
});

test('a shop of two stores: the customer’s page names the store the piece waits at, its hours and address, on a server of its own', async ({
	browser
}) => {
	// A demo shop starting beside the shared server on a busy machine, then started again.
	test.setTimeout(180_000);
	const dataDir = 'test-results/pickup-store-data';
	fs.rmSync(dataDir, { recursive: true, force: true });
	const server = ownServer(Number(process.env.E2E_PORT ?? 3107) + 10, dataDir, 'demo', {}, 80_000);
	await server.start();
	await server.stop();
	// A second store, and a ready piece to be picked up there (the locations' own screens are
	// another part of #23): written straight into the stopped shop's database.
	const services = await startServices({ dataDir, migrationsDir, seed: 'none' });
	let token: string;
	try {
		const sql = services.db.sql;
		const [harbor] = await sql<{ id: number }[]>`
			insert into locations (name, kind, address, phone, hours)
			values ('Harbor store', 'store', ${'12 Quay St\nHarbourton'}, '555-0142', 'Tue–Sat 10–6')
			returning id`;
		const [order] = await sql<{ id: number; statusToken: string }[]>`
			select id, status_token from orders where stage = 'ready' order by id limit 1`;
		await sql`update orders set pickup_location_id = ${harbor.id} where id = ${order.id}`;
		token = order.statusToken;
	} finally {
		await services.stop();
	}
	await server.start();
	try {
		const phone = await browser.newContext({ viewport: PHONE });
		const page = await phone.newPage();
		expect((await page.goto(`${server.baseURL}/s/${token}`))?.status()).toBe(200);
		// The brand stays the shop's; the place words are the store's.
		await expect(page.getByRole('banner').getByText('Benchboard Jewelers')).toBeVisible();
		const news = page.getByRole('status').filter({ hasText: 'Ready for pickup' });
		await expect(news).toContainText('Come and collect it at Harbor store when it is open');
		await expect(news.getByText('Tue–Sat 10–6')).toBeVisible();
		await expect(news.locator('address')).toHaveText(/12 Quay St\s+Harbourton/);
		const reach = page.getByRole('contentinfo', { name: /How to reach/ });
		await expect(reach).toContainText('Harbor store');
		await expect(reach.getByRole('link', { name: '555-0142' })).toHaveAttribute('href', /^tel:/);
		await phone.close();
	} finally {
		await server.stop();
	}
});
