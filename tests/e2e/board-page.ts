import { expect, type Page } from './fixtures';

/** A column of a board or a wall display, by its stage's label. */
export const column = (page: Page, stage: string) =>
	page.getByRole('list', { name: stage, exact: true });

/** A card, by its order number. */
export const card = (page: Page, number: string) =>
	page.getByRole('listitem', { name: new RegExp(`^${number}:`) });

/** The order numbers a screen shows in a column (a display: one page of it), top to bottom. */
export async function shownColumn(page: Page, stage: string): Promise<string[]> {
	const labels = await column(page, stage)
		.locator('[data-card-id]')
		.evaluateAll((items) => items.map((item) => item.getAttribute('aria-label') ?? ''));
	return labels.map((label) => label.split(':')[0]);
}

/**
 * Drags a card with the mouse onto the upper part of another, as a person would: past the 5 px
 * a drag needs, then to the other card, where the drop line shows, then lets go. The card lands
 * just above the other.
 */
export async function dragAbove(page: Page, moving: string, target: string) {
	await card(page, moving).scrollIntoViewIfNeeded();
	const from = await card(page, moving).boundingBox();
	const to = await card(page, target).boundingBox();
	await page.mouse.move(from!.x + 30, from!.y + 40);
	await page.mouse.down();
	await page.mouse.move(from!.x + 45, from!.y + 55, { steps: 4 });
	await page.mouse.move(to!.x + 40, to!.y + 10, { steps: 12 });
	await expect(page.locator('.drop-line, .drop-before')).toHaveCount(1);
	await page.mouse.up();
}
