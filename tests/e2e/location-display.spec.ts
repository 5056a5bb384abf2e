import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { expect, test, type Page } from './fixtures';
import { displayLink, openDisplay } from './wall-display';
import type { Board } from '../../src/lib/types';
import { ownServer } from './own-server';
import { contextAs } from './sign-in';

/**
 * A demo shop with three locations: its own store, a second store and a workshop. No screen makes
 * locations yet, so they are written into the shop's database while its server is stopped.
 */
async function threeLocations(dataDir: string) {
	const db = await PGlite.create(path.resolve(dataDir, 'pgdata'));
	try {
		await db.exec(`
			insert into locations (name, kind) values ('Harbor Street', 'store'), ('Workshop', 'workshop');
			-- Every third order is the second store's; every third after it is made in the workshop.
			update orders set intake_location_id = (select id from locations where name = 'Harbor Street'),
				pickup_location_id = (select id from locations where name = 'Harbor Street'),
				location_id = (select id from locations where name = 'Harbor Street')
			where id % 3 = 1;
			update orders set location_id = (select id from locations where name = 'Workshop')
			where id % 3 = 2;`);
		const { rows } = await db.query<{ name: string; id: number }>(
			`select name, id from locations order by id`
		);
		return Object.fromEntries(rows.map((row) => [row.name, row.id]));
	} finally {
		await db.close();
	}
}

/** The order numbers a wall display or a board shows. */
const shownNumbers = (screen: Page) =>
	screen
		.locator('li[data-card-id]')
		.evaluateAll((items) =>
			items.map((item) => (item.getAttribute('aria-label') ?? '').split(':')[0])
		);

test.describe('on a server of its own', () => {
	const dataDir = 'test-results/location-display-data';
	const server = ownServer(Number(process.env.E2E_PORT ?? 3107) + 10, dataDir, 'demo');
	const baseURL = server.baseURL;
	let places: Record<string, number>;

	test.beforeAll(async () => {
		test.setTimeout(120_000);
		fs.rmSync(dataDir, { recursive: true, force: true });
		await server.start();
		await server.stop();
		places = await threeLocations(dataDir);
		await server.start();
	});
	test.afterAll(() => server.stop());

	test("a display per location shows that location's orders, live, and a board filtered to one", async ({
		browser
	}) => {
		test.setTimeout(120_000);
		const owner = await contextAs(browser, baseURL, 'owner');
		const settings = await owner.newPage();
		const byLocation = async (id: number) =>
			(
				(await (await owner.request.get(`/api/v1/board?location=${id}`)).json()) as Board
			).orders.map((order) => order.number);
		const workshopOrders = await byLocation(places.Workshop);
		const harborOrders = await byLocation(places['Harbor Street']);
		const onlyHarbor = harborOrders.filter((number) => !workshopOrders.includes(number));
		expect(workshopOrders.length).toBeGreaterThan(2);
		expect(onlyHarbor.length).toBeGreaterThan(2);

		/** A TV limited to one location by the owner in Settings → Wall displays. */
		async function tvFor(name: string, location: string) {
			const link = await displayLink(settings, name);
			const form = settings.getByRole('form', { name: `Options for ${name}` });
			await form.getByLabel('Location').selectOption({ label: `Only ${location}` });
			await form.getByRole('button', { name: 'Save options' }).click();
			await expect(form.getByRole('status')).toContainText('Saved');
			return openDisplay(browser, link);
		}
		const workshopTv = await tvFor('Workshop TV', 'Workshop');
		const harborTv = await tvFor('Harbor TV', 'Harbor Street');
		await expect(workshopTv.getByText('· Workshop')).toBeVisible();

		await expect
			.poll(() => shownNumbers(workshopTv).then((n) => n.sort()))
			.toEqual([...workshopOrders].sort());
		await expect
			.poll(() => shownNumbers(harborTv).then((n) => n.sort()))
			.toEqual([...harborOrders].sort());

		// A change to a workshop order reaches the workshop's TV, and never the store's.
		const board = (await (await owner.request.get('/api/v1/board')).json()) as Board;
		const inWorkshop = board.orders.find(
			(order) => order.locationId === places.Workshop && !harborOrders.includes(order.number)
		)!;
		const renamed = await owner.request.patch(`/api/v1/orders/${inWorkshop.id}`, {
			data: { title: 'Platinum band, reshanked in the workshop', version: inWorkshop.version },
			headers: { origin: baseURL }
		});
		expect(renamed.status(), await renamed.text()).toBe(200);
		await expect(workshopTv.locator(`li[data-card-id="${inWorkshop.id}"]`)).toContainText(
			'Platinum band, reshanked in the workshop'
		);
		await expect(harborTv.locator(`li[data-card-id="${inWorkshop.id}"]`)).toHaveCount(0);
		await workshopTv.screenshot({ path: test.info().outputPath('workshop-tv-1080p.png') });
		await harborTv.screenshot({ path: test.info().outputPath('harbor-tv-1080p.png') });

		// The owner lets the store's TV show every location: it takes the whole board, without a reload.
		const harborForm = settings.getByRole('form', { name: 'Options for Harbor TV' });
		await harborForm.getByLabel('Location').selectOption({ label: 'Every location' });
		await harborForm.getByRole('button', { name: 'Save options' }).click();
		await expect(harborForm.getByRole('status')).toContainText('Saved');
		await expect.poll(() => shownNumbers(harborTv).then((n) => n.length)).toBe(board.orders.length);
		await expect(harborTv.getByText('Benchboard Jewelers · Harbor Street')).toHaveCount(0);
		expect(
			await harborTv.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)
		).toBe(true);

		// The manager's board, filtered to the workshop: the URL, the select and a chip say so.
		const manager = await contextAs(browser, baseURL, 'manager', {
			viewport: { width: 1024, height: 768 }
		});
		const staff = await manager.newPage();
		await staff.goto('/');
		// Once the page is live: a choice made before it hydrates is put back to the page's own.
		await expect(staff.getByText('Live', { exact: true })).toBeVisible();
		await staff.getByLabel('Location').selectOption({ label: 'Workshop' });
		await expect(staff).toHaveURL(new RegExp(`\\?location=${places.Workshop}$`));
		await expect(staff.getByRole('list', { name: 'Filters in force' })).toContainText(
			'Location: Workshop'
		);
		await expect
			.poll(() => shownNumbers(staff).then((n) => n.sort()))
			.toEqual([...workshopOrders].sort());
		await staff.screenshot({ path: test.info().outputPath('board-workshop-1024.png') });
		await staff.getByRole('button', { name: 'Remove filter: Location: Workshop' }).click();
		await expect(staff).toHaveURL(/\/$/);
		await expect.poll(() => shownNumbers(staff).then((n) => n.length)).toBe(board.orders.length);

		// The due list takes the location too, from its URL.
		await staff.goto(`/due?location=${places.Workshop}`);
		await expect(staff.getByLabel('Location')).toHaveValue(String(places.Workshop));
		await expect(
			staff.getByText(new RegExp(`^${workshopOrders.length} open orders · location: Workshop`))
		).toBeVisible();

		for (const one of [workshopTv, harborTv]) await one.context().close();
		await manager.close();
		await owner.close();
	});
});
