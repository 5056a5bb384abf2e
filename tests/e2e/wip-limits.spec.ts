import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './fixtures';
import { bodyOf, json } from './api-helpers';
import { card, column, dragAbove } from './board-page';
import { contextAs } from './sign-in';
import { displayLink, openDisplay } from './wall-display';
import type { Board } from '../../src/lib/types';
import type { WipLimits } from '../../src/lib/wip';

/**
 * Work-in-progress limits (issue #21): a manager sets one in Settings; every open board and the
 * wall display show it at once, and show the column over its limit as soon as a card moves in. A
 * move is never refused for it. Staff may not set limits.
 */

const DESKTOP = { width: 1600, height: 1000 };
const NO_LIMITS = {
	stages: Object.fromEntries(
		['intake', 'design', 'casting', 'setting', 'polishing', 'inspection', 'ready'].map((s) => [
			s,
			null
		])
	),
	perJeweler: null
};

test.use({ viewport: DESKTOP });

// The shared server's other specs expect a board without limits.
test.afterEach(async ({ request }) => {
	const now = await bodyOf<WipLimits>(await request.get('/api/v1/settings/wip-limits'));
	const reset = await request.patch('/api/v1/settings/wip-limits', {
		headers: json,
		data: {
			...NO_LIMITS,
			jewelers: Object.fromEntries(Object.keys(now.jewelers).map((name) => [name, null]))
		}
	});
	expect(reset.status()).toBe(200);
	expect(await reset.json()).toEqual({ stages: {}, perJeweler: null, jewelers: {} });
});

async function expectNoViolations(page: Page, include: string) {
	const { violations } = await new AxeBuilder({ page })
		.include(include)
		.withTags(['wcag2a', 'wcag2aa'])
		.analyze();
	expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
}

const live = (page: Page) => expect(page.getByText('Live', { exact: true })).toBeVisible();

test('a manager sets a stage limit: a second board and the wall display show it, and show the column over it when a card moves in', async ({
	browser,
	page,
	baseURL
}) => {
	// Three screens (a manager's, a staff board, the wall), two of them signed in for the test.
	test.slow();
	const board = await bodyOf<Board>(await page.request.get('/api/v1/board'));
	const limit = board.stageCounts.design;
	expect(limit).toBeGreaterThan(0);
	const moving = board.orders.find((order) => order.stage === 'intake')!;
	const target = board.orders.find((order) => order.stage === 'design')!;

	// Open before the limit exists: they must hear of it, not load it.
	const tv = await openDisplay(browser, await displayLink(page, `WIP wall ${Date.now()}`));
	const staff = await (
		await contextAs(browser, baseURL!, 'staff', { viewport: DESKTOP })
	).newPage();
	await staff.goto('/');
	await live(staff);
	await expect(staff.getByTestId('wip-Design')).toHaveCount(0);

	const manager = await (
		await contextAs(browser, baseURL!, 'manager', { viewport: DESKTOP })
	).newPage();
	await manager.goto('/settings');
	const form = manager.getByRole('form', { name: 'Work-in-progress limits' });
	// A bad limit is refused beside its box, and nothing changes.
	await form.getByLabel('Design', { exact: true }).fill('-3');
	await form
		.getByLabel('Design', { exact: true })
		.evaluate((input) => input.removeAttribute('min'));
	await form.getByRole('button', { name: 'Save limits' }).click();
	await expect(form.getByText('Design must be at least 1')).toBeVisible();
	await expect(form.getByLabel('Design', { exact: true })).toHaveAttribute('aria-invalid', 'true');
	await expectNoViolations(manager, 'form[aria-label="Work-in-progress limits"]');
	expect(
		(await bodyOf<WipLimits>(await manager.request.get('/api/v1/settings/wip-limits'))).stages
	).toEqual({});

	await form.getByLabel('Design', { exact: true }).fill(String(limit));
	await form.getByRole('button', { name: 'Save limits' }).click();
	await expect(form.getByRole('status')).toHaveText(/Saved/);

	// Within the limit: said quietly, on the board and on the wall.
	const note = staff.getByTestId('wip-Design');
	await expect(note).toHaveText(new RegExp(`^\\s*Limit ${limit} / ${limit}`));
	await expect(note).not.toHaveClass(/over/);
	const tvHeading = tv.getByRole('heading', { name: /^Design/ });
	await expect(tvHeading.locator('.count')).toHaveAccessibleName(`${limit} orders, limit ${limit}`);
	await expect(tv.getByTestId('display-wip-design')).toHaveCount(0);

	// The manager drags a card into Design: never refused, and flagged everywhere at once.
	await manager.goto('/');
	await live(manager);
	await dragAbove(manager, moving.number, target.number);
	await expect(column(manager, 'Design').locator(`[data-card-id="${moving.id}"]`)).toBeVisible();
	await expect(manager.getByTestId('wip-Design')).toContainText(
		`Over limit ${limit + 1} / ${limit}`
	);
	await expect(card(staff, moving.number)).toBeVisible();
	await expect(column(staff, 'Design').locator(`[data-card-id="${moving.id}"]`)).toBeVisible();
	await expect(note).toHaveText(new RegExp(`Over limit ${limit + 1} / ${limit}`));
	await expect(note).toHaveClass(/over/);
	await expect(note).toHaveAttribute('title', /whatever the filters show/);
	await expect(tv.getByTestId('display-wip-design')).toHaveText(/Over limit by 1/);
	await expect(tvHeading.locator('.count')).toHaveAccessibleName(
		`${limit + 1} orders, limit ${limit}`
	);
	// Read from across the room: at least the size of every other line on the wall.
	const px = await tv
		.getByTestId('display-wip-design')
		.evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
	expect(px).toBeGreaterThanOrEqual(22);
	await expectNoViolations(staff, 'main');

	// Filtered to another stage's cards, the column still counts all of its own.
	await staff.goto('/?stage=design&q=zzzz-nothing-matches');
	await live(staff);
	await expect(staff.getByTestId('wip-Design')).toContainText(`${limit + 1} / ${limit}`);

	// The limit raised: the flag goes, without a reload.
	const raised = await manager.request.patch('/api/v1/settings/wip-limits', {
		headers: json,
		data: { stages: { design: limit + 1 } }
	});
	expect(raised.status()).toBe(200);
	await expect(staff.getByTestId('wip-Design')).toContainText(`Limit ${limit + 1} / ${limit + 1}`);
	await expect(tv.getByTestId('display-wip-design')).toHaveCount(0);

	// The owner sees who changed which limit, from what to what.
	await page.goto('/settings');
	const trail = page.getByRole('region', { name: 'Changes to the settings' });
	const row = trail.getByRole('row').filter({ hasText: 'Work-in-progress limits' }).nth(1);
	await expect(row).toContainText('Morgan Lee');
	await expect(row).toContainText(`Limit in Design: no limit → ${limit} orders`);
	await expect(
		trail.getByRole('row').filter({ hasText: 'Work-in-progress limits' }).first()
	).toContainText(`Limit in Design: ${limit} orders → ${limit + 1} orders`);
});

test('a jeweler over their limit is named above the board and on their cards; a name shows their orders', async ({
	page
}) => {
	const board = await bodyOf<Board>(await page.request.get('/api/v1/board'));
	const counts = new Map<string, number>();
	for (const order of board.orders)
		if (order.assignee) counts.set(order.assignee, (counts.get(order.assignee) ?? 0) + 1);
	const [busiest, held] = [...counts].sort((a, b) => b[1] - a[1])[0];
	expect(held).toBeGreaterThan(1);

	await page.goto('/');
	await live(page);
	const strip = page.getByRole('region', { name: 'Jewelers over their limit' });
	await expect(strip).toHaveCount(0);
	const set = await page.request.patch('/api/v1/settings/wip-limits', {
		headers: json,
		data: { perJeweler: held + 5, jewelers: { [busiest]: held - 1 } }
	});
	expect(set.status()).toBe(200);

	const person = strip.getByRole('button', {
		name: new RegExp(`^${busiest}: ${held} open orders`)
	});
	await expect(person).toContainText(`${held} / ${held - 1}`);
	await expect(strip.getByRole('button')).toHaveCount(1);
	const theirCard = board.orders.find((order) => order.assignee === busiest)!;
	await expect(
		card(page, theirCard.number).getByText(`Assigned to ${busiest}, over their limit`)
	).toBeAttached();
	await expectNoViolations(page, 'section[aria-label="Jewelers over their limit"]');

	await person.click();
	await expect(page).toHaveURL(new RegExp(`assignee=${encodeURIComponent(busiest)}`));
	await expect(person).toHaveAttribute('aria-pressed', 'true');
	await expect(page.locator('[data-card-id]')).toHaveCount(held);
});

test('the API refuses a bad limit with a 400 naming the field, and changes nothing', async ({
	request
}) => {
	for (const [data, field] of [
		[{ stages: { design: -1 } }, 'stages.design'],
		[{ stages: { design: 2.5 } }, 'stages.design'],
		[{ stages: { smelting: 2 } }, 'stages.smelting'],
		[{ perJeweler: 100000 }, 'perJeweler'],
		[{ jewelers: { Priya: 'lots' } }, 'jewelers.Priya']
	] as const) {
		const refused = await request.patch('/api/v1/settings/wip-limits', { headers: json, data });
		expect(refused.status()).toBe(400);
		expect((await refused.json()).error.field).toBe(field);
	}
	const notJson = await request.patch('/api/v1/settings/wip-limits', {
		headers: json,
		data: '{"stages":'
	});
	expect(notJson.status()).toBe(400);
	expect(await bodyOf<WipLimits>(await request.get('/api/v1/settings/wip-limits'))).toEqual({
		stages: {},
		perJeweler: null,
		jewelers: {}
	});
});

test('staff and bench may not set limits, by the form or the API', async ({ browser, baseURL }) => {
	for (const who of ['staff', 'bench'] as const) {
		const context = await contextAs(browser, baseURL!, who);
		const refused = await context.request.patch('/api/v1/settings/wip-limits', {
			headers: json,
			data: { stages: { design: 1 } }
		});
		expect(refused.status()).toBe(403);
		const settings = await context.request.get('/settings');
		expect(settings.status()).toBe(403);
		// The form's action refuses as the API does.
		const posted = await context.request.post('/settings?/wipLimits', {
			form: { 'stages.design': '1' },
			headers: { origin: baseURL!, 'x-sveltekit-action': 'true' }
		});
		expect(JSON.stringify(await posted.json())).toContain('Only the owner or a manager');
		const limits = await bodyOf<WipLimits>(
			await context.request.get('/api/v1/settings/wip-limits')
		);
		expect(limits.stages).toEqual({});
		await context.close();
	}
});
