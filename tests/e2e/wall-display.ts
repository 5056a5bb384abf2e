import { expect, type Browser, type Page } from './fixtures';

/** The owner creates a display on the settings page and copies its link, shown once. */
export async function displayLink(page: Page, name: string): Promise<string> {
	await page.goto('/settings');
	const displays = page.getByRole('region', { name: 'Wall displays' });
	await displays.getByLabel('Name', { exact: true }).fill(name);
	await displays.getByRole('button', { name: 'Create link' }).click();
	const link = await displays.locator('code').textContent();
	expect(link).toMatch(/\/display\/connect\/[a-z2-7]{32}$/);
	return link!;
}

/** The TV: a browser of its own, never signed in, that opens the link once. */
export async function openDisplay(browser: Browser, link: string) {
	const tv = await browser.newContext({
		storageState: { cookies: [], origins: [] },
		viewport: { width: 1920, height: 1080 }
	});
	const screen = await tv.newPage();
	await screen.goto(link);
	await expect(screen).toHaveURL(/\/display$/);
	await expect(screen.getByText('Live', { exact: true })).toBeVisible();
	await screen.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
	return screen;
}
