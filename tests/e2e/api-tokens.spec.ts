import fs from 'node:fs';
import { expect, test } from './fixtures';

test('the owner makes a token, sees it once, another tool uses it, and the owner revokes it', async ({
	page,
	context,
	baseURL
}) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await page.goto('/settings');
	await page.waitForLoadState('networkidle');
	const tokens = page.getByRole('region', { name: 'API tokens' });
	await tokens.getByLabel('Name').fill('Counter POS');
	await tokens.getByLabel('Role').selectOption('staff');
	await tokens.getByLabel('Expires').selectOption({ label: 'In 90 days' });
	await tokens.getByRole('button', { name: 'Make token' }).click();

	const shown = tokens.getByLabel('The secret of Counter POS');
	await expect(shown).toHaveValue(/^bbt_[a-z2-7]{32}$/);
	const secret = await shown.inputValue();
	await tokens.getByRole('button', { name: 'Copy' }).click();
	await expect(tokens.getByRole('button', { name: 'Copied' })).toBeVisible();
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
	const row = tokens.getByRole('row', { name: /Counter POS/ });
	await expect(row).toContainText('staff');
	await expect(row).toContainText('not yet');

	// Another tool, with no cookie: the token alone.
	const api = (path: string, init: RequestInit = {}) =>
		fetch(`${baseURL}${path}`, {
			...init,
			headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }
		});
	const board = await api('/api/v1/board?stage=design');
	expect(board.status).toBe(200);
	const { orders, view } = await board.json();
	expect(view).toBe('stage=design');
	expect(orders.every((order: { stage: string }) => order.stage === 'design')).toBe(true);
	const created = await api('/api/v1/orders', {
		method: 'POST',
		body: JSON.stringify({
			customer: { givenName: 'Ines', familyName: 'Carvalho' },
			title: 'Emerald-cut sapphire ring, platinum'
		})
	});
	expect(created.status).toBe(201);
	const { card } = await created.json();

	// Shown once: gone after a reload; the list has its last use; the history names it.
	await page.reload();
	await expect(tokens.getByLabel('The secret of Counter POS')).toHaveCount(0);
	await expect(page.getByText(secret)).toHaveCount(0);
	await expect(row).not.toContainText('not yet');
	await page.goto(`/orders/${card.id}`);
	await expect(page.getByText('Counter POS (API token)').first()).toBeVisible();

	await page.goto('/settings');
	await page.waitForLoadState('networkidle');
	await row.getByRole('button', { name: 'Revoke Counter POS' }).click();
	await expect(row).toContainText('revoked');
	const refused = await api('/api/v1/board');
	expect(refused.status).toBe(401);
	expect((await refused.json()).error.message).toMatch(/^This API token was revoked on /);
});

test('the owner downloads the full export from Settings', async ({ page }) => {
	await page.goto('/settings');
	const exports = page.getByRole('region', { name: 'Export the shop’s data' });
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		exports
			.getByRole('listitem')
			.filter({ hasText: 'Orders' })
			.getByRole('link', { name: 'CSV' })
			.click()
	]);
	expect(download.suggestedFilename()).toMatch(/^benchboard-orders-\d{4}-\d{2}-\d{2}\.csv$/);
	const text = fs.readFileSync(await download.path(), 'utf8');
	expect(text.split('\r\n')[0]).toContain('Order id,Number,Title');
	// The demo's open orders and its year of past ones, archived.
	expect(text.split('\r\n').length).toBeGreaterThan(250);
	expect(text).toContain(',picked_up,yes,');
});
