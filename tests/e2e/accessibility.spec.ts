import AxeBuilder from '@axe-core/playwright';
import type { BrowserContextOptions } from '@playwright/test';
import { expect, test, type Browser, type Page } from './fixtures';
import { displayLink, openDisplay } from './wall-display';
import type { Board } from '../../src/lib/types';
import { bodyOf } from './api-helpers';

/**
 * WCAG 2 A and AA (issue #18): each page a person uses, on a desktop and at the sizes the shop
 * floor has (bench tablet, phone, the wall TV), has no violation axe finds: enough contrast, a name
 * for every control, a label for every field.
 */

const DESKTOP = { width: 1600, height: 1000 };
const SIGNED_OUT = { cookies: [], origins: [] };

async function expectNoViolations(page: Page) {
	const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
	const found = violations.map(
		(violation) =>
			`${violation.id} (${violation.impact}): ${violation.nodes
				.map((node) => node.target.join(' '))
				.join(', ')}`
	);
	expect(found, `axe violations on ${page.url()}:\n${found.join('\n')}`).toEqual([]);
}

async function aDemoOrderId(page: Page) {
	const board = await bodyOf<Board>(await page.request.get('/api/v1/board'));
	expect(board.orders.length).toBeGreaterThan(0);
	return board.orders[0].id;
}

test.use({ viewport: DESKTOP });

const live = (page: Page) => expect(page.getByText('Live', { exact: true })).toBeVisible();

test('the board has no WCAG A/AA violations', async ({ page }) => {
	await page.goto('/');
	await live(page);
	await expectNoViolations(page);
});

test('an order page has no WCAG A/AA violations', async ({ page }) => {
	await page.goto(`/orders/${await aDemoOrderId(page)}`);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expectNoViolations(page);
});

test('the due list and its calendar have no WCAG A/AA violations', async ({ page }) => {
	await page.goto('/due');
	await live(page);
	await expectNoViolations(page);
	await page.goto('/due?view=calendar');
	await live(page);
	await expect(page.locator('li[aria-current="date"]')).toBeVisible();
	await expectNoViolations(page);
});

for (const path of ['/customers', '/vendors', '/settings']) {
	test(`${path} has no WCAG A/AA violations`, async ({ page }) => {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expectNoViolations(page);
	});
}

test('the sign-in page, signed out, has no WCAG A/AA violations', async ({ browser, baseURL }) => {
	const context = await browser.newContext({
		baseURL,
		storageState: SIGNED_OUT,
		viewport: DESKTOP
	});
	const page = await context.newPage();
	await page.goto('/login');
	await expect(page.getByLabel(/username/i)).toBeVisible();
	await expectNoViolations(page);
	await context.close();
});

/** A customer's status page, opened signed out with the order's link, as `options` sees it. */
async function openStatusPage(
	browser: Browser,
	baseURL: string | undefined,
	page: Page,
	options: BrowserContextOptions
) {
	const id = await aDemoOrderId(page);
	const link = await bodyOf<{ url: string }>(
		await page.request.get(`/api/v1/orders/${id}/status-link`)
	);
	const context = await browser.newContext({ ...options, baseURL, storageState: SIGNED_OUT });
	const customer = await context.newPage();
	expect((await customer.goto(new URL(link.url).pathname))?.status()).toBe(200);
	return customer;
}

test('a customer’s status page has no WCAG A/AA violations', async ({ browser, baseURL, page }) => {
	const customer = await openStatusPage(browser, baseURL, page, { viewport: DESKTOP });
	await expectNoViolations(customer);
	await customer.context().close();
});

/** The sizes the shop uses besides the desk: the bench tablet (touch) and a phone. */
const SMALLER = {
	tablet: { viewport: { width: 1024, height: 768 }, hasTouch: true },
	phone: { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true }
};

for (const [size, options] of Object.entries(SMALLER)) {
	test(`at ${size} size, the board, an order and the due list have no WCAG A/AA violations`, async ({
		browser,
		baseURL,
		page: desk
	}) => {
		const id = await aDemoOrderId(desk);
		const context = await browser.newContext({
			...options,
			baseURL,
			// The owner, as every test of this project starts (global-setup.ts).
			storageState: test.info().project.use.storageState
		});
		const page = await context.newPage();
		await page.goto('/');
		await live(page);
		await expectNoViolations(page);
		await page.goto(`/orders/${id}`);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expectNoViolations(page);
		await page.goto('/due');
		await live(page);
		await expectNoViolations(page);
		await context.close();
	});
}

test('a customer’s status page on a phone has no WCAG A/AA violations', async ({
	browser,
	baseURL,
	page
}) => {
	const customer = await openStatusPage(browser, baseURL, page, SMALLER.phone);
	await expectNoViolations(customer);
	await customer.context().close();
});

test('the wall display at 1920x1080 has no WCAG A/AA violations', async ({ browser, page }) => {
	const screen = await openDisplay(browser, await displayLink(page, `Axe wall ${Date.now()}`));
	await expectNoViolations(screen);
	await screen.context().close();
});
