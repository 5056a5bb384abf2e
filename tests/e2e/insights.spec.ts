import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './fixtures';
import { contextAs } from './sign-in';
import { bodyOf } from './api-helpers';
import type { ChartOf } from '../../src/lib/insights/charts';

/**
 * The Insights page (issue #21) on the demo's year of generated history: the owner reads numbers
 * that come from the log, downloads a chart as CSV, opens the orders behind a bar; staff cannot.
 */

test.use({ viewport: { width: 1600, height: 1000 } });

async function expectNoViolations(page: Page) {
	const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
	const found = violations.map(
		(violation) =>
			`${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`
	);
	expect(found, `axe violations on ${page.url()}:\n${found.join('\n')}`).toEqual([]);
}

const chartOf = async <N extends 'cycle-time' | 'throughput' | 'on-time'>(page: Page, name: N) =>
	bodyOf<ChartOf<N>>(await page.request.get(`/api/v1/insights/${name}`));

test('the owner reads cycle time, throughput and the on-time rate from the log', async ({
	page
}) => {
	await page.goto('/insights');
	await expect(page.getByRole('heading', { level: 1, name: 'Insights' })).toBeVisible();
	for (const title of [
		'Cycle time',
		'Aging of open work',
		'Where orders waited',
		'Throughput per week',
		'On time, by month',
		'Cumulative flow'
	])
		await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();

	const cycle = await chartOf(page, 'cycle-time');
	const all = cycle.endToEnd.find((row) => row.pieceType === null)!;
	// A year of history: hundreds of finished pieces, a median of some business days.
	expect(all.count).toBeGreaterThan(100);
	await expect(page.getByTestId('cycle-time-reading')).toContainText(
		`Median ${all.median} business days from intake to ready; 85% within ${all.p85}`
	);
	const throughput = await chartOf(page, 'throughput');
	const finished = throughput.weeks.reduce((sum, week) => sum + week.finished, 0);
	expect(finished).toBe(all.count);
	await expect(page.getByTestId('throughput-reading')).toContainText(`${finished} pieces finished`);
	const onTime = await chartOf(page, 'on-time');
	const kept = onTime.months.reduce((sum, month) => sum + month.onTime, 0);
	const due = onTime.months.reduce((sum, month) => sum + month.finished, 0);
	await expect(page.getByTestId('on-time-reading')).toContainText(`(${kept} of ${due})`);
	// Some late, most not: a plausible shop.
	expect(kept / due).toBeGreaterThan(0.5);
	expect(kept).toBeLessThan(due);
});

test('a chart downloads as CSV with the numbers it is drawn from', async ({ page }) => {
	await page.goto('/insights');
	const throughput = await chartOf(page, 'throughput');
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'Download CSV of Throughput per week' }).click()
	]);
	expect(download.suggestedFilename()).toMatch(/^benchboard-throughput-\d{4}-\d{2}-\d{2}-to-/);
	const lines = fs
		.readFileSync((await download.path())!, 'utf8')
		.replace(/^\uFEFF/, '')
		.trim()
		.split('\r\n');
	expect(lines[0]).toBe('Week starting,Pieces finished');
	expect(lines.slice(1)).toEqual(throughput.weeks.map((w) => `${w.week},${w.finished}`));
});

test('a bar opens the orders behind it', async ({ page }) => {
	await page.goto('/insights');
	// The list of orders at risk arrives after the charts and moves them down: the click below aims
	// at a place on the plot, so wait for the page to settle first.
	await expect(page.getByRole('region', { name: 'Promised dates at risk now' })).not.toContainText(
		'Forecasting'
	);
	const cycle = await chartOf(page, 'cycle-time');
	// The Design bars: the second of seven stages on the cycle time chart.
	const plot = page.getByRole('img', { name: /Business days in each stage/ }).locator('.u-over');
	await plot.scrollIntoViewIfNeeded();
	const box = (await plot.boundingBox())!;
	await page.mouse.move(box.x + (box.width * 1.6) / 7, box.y + box.height - 4);
	await page.mouse.click(box.x + (box.width * 1.6) / 7, box.y + box.height - 4);
	await expect(page).toHaveURL(/\/insights\/orders\?.*chart=cycle-time.*bucket=design/);
	await expect(page.getByRole('heading', { level: 1, name: 'Time in Design' })).toBeVisible();
	const design = cycle.stages.find((row) => row.stage === 'design')!;
	await expect(page.getByRole('row')).toHaveCount(Math.min(500, design.count) + 1);
	// Each order links to its page.
	await page.getByRole('row').nth(1).getByRole('link').click();
	await expect(page).toHaveURL(/\/orders\/\d+$/);
});

test('the page and the orders behind a bar have no WCAG A/AA violations, on a phone too', async ({
	page
}) => {
	await page.goto('/insights');
	await expect(page.getByTestId('flow-reading')).toBeVisible();
	await expectNoViolations(page);
	await page.goto('/insights/orders?chart=on-time&bucket=' + new Date().toISOString().slice(0, 7));
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expectNoViolations(page);
	await page.setViewportSize({ width: 390, height: 844 });
	await page.goto('/insights?pieceType=engagement_ring');
	await expect(page.getByTestId('cycle-time-reading')).toBeVisible();
	// Stacked: each chart as wide as the phone, none wider.
	const widths = await page
		.locator('section')
		.evaluateAll((cards) => cards.map((card) => card.getBoundingClientRect().width));
	expect(Math.max(...widths)).toBeLessThanOrEqual(390);
	await expectNoViolations(page);
});

test('the API refuses a format other than json or csv, naming the field', async ({ page }) => {
	for (const url of [
		'/api/v1/insights/throughput?format=xyz',
		'/api/v1/insights/throughput/orders?bucket=2026-03-09&format=xml'
	]) {
		const answer = await page.request.get(url);
		expect(answer.status(), url).toBe(400);
		expect(answer.headers()['content-type']).toContain('application/json');
		expect(JSON.stringify(await answer.json())).toContain('format must be json or csv');
	}
	const csv = await page.request.get('/api/v1/insights/throughput?format=csv');
	expect(csv.headers()['content-type']).toContain('text/csv');
});

test('staff cannot open Insights, nor read its API', async ({ browser, baseURL }) => {
	const staff = await contextAs(browser, baseURL!, 'staff');
	const page = await staff.newPage();
	await page.goto('/');
	await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Insights' })).toHaveCount(0);
	const response = await page.goto('/insights');
	expect(response?.status()).toBe(403);
	await expect(page.getByText('Only the owner and managers see Insights.')).toBeVisible();
	const api = await page.request.get('/api/v1/insights/throughput');
	expect(api.status()).toBe(403);
	await staff.close();
});

test('Show with "All pieces" reads the whole shop for the period chosen', async ({ page }) => {
	await page.goto('/insights');
	const form = page.getByRole('form', { name: 'Period and piece type' });
	await form.getByLabel('From').fill('2026-01-01');
	await expect(form.getByLabel('Piece type')).toHaveValue('');
	await form.getByRole('button', { name: 'Show' }).click();
	await expect(page).toHaveURL(/from=2026-01-01/);
	await expect(page.getByRole('heading', { level: 1, name: 'Insights' })).toBeVisible();
	await expect(page.getByTestId('cycle-time-reading')).toBeVisible();
	await expect(form.getByLabel('From')).toHaveValue('2026-01-01');
});
