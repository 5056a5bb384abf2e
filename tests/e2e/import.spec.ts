import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './fixtures';
import { bodyOf, RUN } from './api-helpers';
import { column } from './board-page';
import { contextAs } from './sign-in';

/**
 * Importing a shop's open orders from a spreadsheet (issue #22): upload, the guessed mapping, a
 * preview naming each row's problems, the import with its progress and report, and the new orders
 * live on a board that was open all along. Staff may not import.
 */

const DESKTOP = { width: 1600, height: 1000 };
const PHONE = { width: 390, height: 844 };

async function expectNoViolations(page: Page) {
	const { violations } = await new AxeBuilder({ page })
		.include('main')
		.withTags(['wcag2a', 'wcag2aa'])
		.analyze();
	expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
}

test('an owner imports a spreadsheet: mapping, preview with problems, import, report, orders on the board', async ({
	page,
	context,
	request
}) => {
	test.setTimeout(90_000);
	await page.setViewportSize(DESKTOP);
	const { customers } = await bodyOf<{
		customers: { givenName: string; familyName: string; phone: string | null }[];
	}>(await request.get('/api/v1/customers?limit=50'));
	const known = customers.find((customer) => customer.phone)!;
	const csv = [
		'Ticket #,Client,Phone,Item,Where,Promised',
		`T-${RUN}-1,Nora Quist,555-201-8830,Import pendant ${RUN},Casting,12/14/2026`,
		`T-${RUN}-2,${known.givenName} ${known.familyName},${known.phone},Import band ${RUN},Design,2026-12-20`,
		`T-${RUN}-3,Olaf Brand,,Import bracelet ${RUN},Polshing,31/12/2026`
	].join('\n');

	const board = await context.newPage();
	await board.setViewportSize(DESKTOP);
	await board.goto('/');
	await expect(board.getByText('Live', { exact: true })).toBeVisible();

	await page.goto('/settings');
	// The long settings page starts with a list of its sections: Import jumps to its own.
	const sections = page.getByRole('navigation', { name: 'Settings sections' });
	await sections.getByRole('link', { name: 'Import', exact: true }).click();
	await expect(page).toHaveURL(/#import$/);
	await expect(page.getByRole('heading', { name: 'Import open orders' })).toBeInViewport();
	await page.getByRole('link', { name: 'Import from a spreadsheet' }).click();
	await expect(page.getByRole('heading', { name: /Import open orders/ })).toBeVisible();
	await page.getByLabel('CSV file').setInputFiles({
		name: 'open-jobs.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(csv)
	});
	await page.getByRole('button', { name: 'Read the file' }).click();
	await expect(page.getByText('open-jobs.csv: 3 rows under 6 columns.')).toBeVisible();
	// Guessed from the headers; "Where" is not a word for the stage, so the person maps it.
	await expect(page.getByLabel(/^Customer full name/)).toHaveValue('1');
	await expect(page.getByLabel(/^Reference/)).toHaveValue('0');
	await expect(page.getByLabel(/^Due date/)).toHaveValue('5');
	await expect(page.getByLabel(/^Stage/)).toHaveValue('');
	await page.getByLabel(/^Stage/).selectOption({ label: 'Where' });
	await expectNoViolations(page);

	await page.getByRole('button', { name: 'Preview' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'will become orders' })).toContainText(
		/2\s+of 3 rows will become\s+orders/
	);
	await expect(
		page.getByText(`existing customer: ${known.givenName} ${known.familyName}`)
	).toBeVisible();
	await expect(page.getByRole('listitem').filter({ hasText: 'Row 4, Stage:' })).toContainText(
		'did you mean Polishing?'
	);
	await expect(page.getByRole('listitem').filter({ hasText: 'Row 4, Due date:' })).toContainText(
		'12/14/2026 (month/day/year)'
	);
	await expectNoViolations(page);
	await page.setViewportSize(PHONE);
	await expectNoViolations(page);
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	expect(width).toBeLessThanOrEqual(PHONE.width);
	await page.setViewportSize(DESKTOP);

	await page.getByRole('button', { name: 'Import 2 orders' }).click();
	await expect(page.getByRole('heading', { name: 'Imported open-jobs.csv' })).toBeVisible();
	await expect(
		page.getByText('2 orders created, 0 skipped (imported before), 1 left out')
	).toBeVisible();
	await expect(page.locator('progress')).toHaveAttribute('value', '3');
	await expectNoViolations(page);

	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Download the report (CSV)' }).click();
	const report = await (await download).createReadStream();
	let text = '';
	for await (const chunk of report) text += chunk;
	expect(text).toMatch(/\r\n2,created,CO-\d+,\r\n/);
	expect(text).toMatch(
		/\r\n4,failed,,"Stage: ""Polshing"" is not a stage: did you mean Polishing\?/
	);

	// The board that was open all along shows the new orders in their stages, live.
	await expect(column(board, 'Casting')).toContainText(`Import pendant ${RUN}`);
	await expect(column(board, 'Design')).toContainText(`Import band ${RUN}`);
	await board.close();
});

test('staff may not import: the page and the API refuse', async ({ browser, baseURL }) => {
	const staff = await contextAs(browser, baseURL!, 'staff');
	const page = await staff.newPage();
	const response = await page.goto('/settings/import');
	expect(response?.status()).toBe(403);
	const upload = await staff.request.post('/api/v1/imports?fileName=x.csv', {
		headers: { 'content-type': 'text/csv' },
		data: 'Name,Title\nAna Rivera,Ring\n'
	});
	expect(upload.status()).toBe(403);
	await staff.close();
});

test('garbage uploads get a 400 naming the file, never a 500', async ({ request }) => {
	for (const body of [
		Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 0]),
		Buffer.from([0, 1, 2, 3, 255, 254]),
		Buffer.alloc(0),
		Buffer.from('"never closed,\n'),
		Buffer.from(`Name,Title\n${'x'.repeat(200_000)}\n`)
	]) {
		const response = await request.post('/api/v1/imports?fileName=junk.csv', {
			headers: { 'content-type': 'text/csv' },
			data: body
		});
		expect(response.status()).toBe(400);
		expect((await response.json()).error.field).toBe('file');
	}
});
