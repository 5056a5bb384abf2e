import { expect, test } from './fixtures';

test('the owner checks the orders’ history from Settings and is told every chain holds', async ({
	page
}) => {
	await page.goto('/settings');
	await page.waitForLoadState('networkidle');
	await page.getByRole('button', { name: 'Check the history now' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'The event log holds' })).toContainText(
		/\d+ events, every chain intact\. Newest event: seq \d+, hash [0-9a-f]{64}/
	);
});
