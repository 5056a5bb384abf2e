import {
	expect,
	test,
	type APIRequestContext,
	type Browser,
	type Page,
	type WebSocketRoute
} from './fixtures';
import { contextAs } from './sign-in';
import type { CardAnswer } from '../../src/lib/api/answers';

/**
 * An order's notes are live: the counter and the bench type into the same design notes at once and
 * see each other's carets; what a tablet types while its connection is down stays on it, survives
 * a reload, and reaches everyone once the connection is back.
 */

const RUN = Date.now().toString(36);

async function newOrder(request: APIRequestContext, baseURL: string, title: string) {
	const created = await request.post('/api/v1/orders', {
		headers: { origin: baseURL },
		data: {
			customer: { givenName: 'Ines', familyName: `Moreau ${RUN}` },
			title: `${title} ${RUN}`,
			pieceType: 'pendant'
		}
	});
	expect(created.status(), await created.text()).toBe(201);
	return ((await created.json()) as CardAnswer).card;
}

async function signedIn(browser: Browser, baseURL: string, who: 'staff' | 'bench') {
	const context = await contextAs(browser, baseURL, who, {
		viewport: { width: 1280, height: 900 }
	});
	return context.newPage();
}

const designNotes = (page: Page) => page.getByRole('group', { name: 'Design notes' });
const editor = (page: Page) => page.getByRole('textbox', { name: 'Design notes' });

/** Opens the order and waits until its design notes can take typing. */
async function openNotes(page: Page, orderId: number) {
	await page.goto(`/orders/${orderId}`);
	await expect(editor(page)).toBeVisible();
	await expect(designNotes(page).getByRole('status')).toContainText('Live');
}

test('two people type into the same design notes at once and each sees the other', async ({
	browser,
	baseURL
}) => {
	const counter = await signedIn(browser, baseURL!, 'staff');
	const order = await newOrder(counter.context().request, baseURL!, 'Pear drop pendant');
	const bench = await signedIn(browser, baseURL!, 'bench');
	await openNotes(counter, order.id);
	await openNotes(bench, order.id);
	await expect(designNotes(counter).getByRole('status')).toContainText('Elena Novak is here too');
	await expect(designNotes(bench).getByRole('status')).toContainText('Sam Ortiz is here too');

	// Two lines to work on, then each on their own line at the same time.
	await editor(counter).click();
	await counter.keyboard.type('Bail: ');
	await counter.keyboard.press('Enter');
	await counter.keyboard.type('Setting: ');
	const lines = (page: Page) => editor(page).locator('p');
	await expect(lines(bench).nth(1)).toContainText('Setting:');
	await lines(bench).nth(1).click();
	await bench.keyboard.press('End');
	await lines(counter).nth(0).click();
	await counter.keyboard.press('End');
	await Promise.all([
		counter.keyboard.type('hidden bail, 18k white gold', { delay: 25 }),
		bench.keyboard.type('six claws, low basket', { delay: 25 })
	]);

	for (const page of [counter, bench]) {
		await expect(lines(page).nth(0)).toContainText('Bail: hidden bail, 18k white gold');
		await expect(lines(page).nth(1)).toContainText('Setting: six claws, low basket');
	}
	// Each sees where the other is typing, with their name.
	await expect(editor(counter).getByText('Elena Novak', { exact: true })).toBeVisible();
	await expect(editor(bench).getByText('Sam Ortiz', { exact: true })).toBeVisible();
	// Elena writes on the second line: her name sits between the lines, over none of the first's text.
	const covered = await editor(counter).evaluate((root) => {
		const label = root.querySelector('.collaboration-carets__label')!.getBoundingClientRect();
		const above = document.createRange();
		above.selectNodeContents(root.querySelectorAll('p')[0]);
		return [...above.getClientRects()].some(
			(text) =>
				text.bottom > label.top + 0.5 &&
				text.top < label.bottom &&
				text.right > label.left &&
				text.left < label.right
		);
	});
	expect(covered).toBe(false);

	await counter.reload();
	await expect(editor(counter)).toContainText('Bail: hidden bail, 18k white gold');
	await expect(editor(counter)).toContainText('Setting: six claws, low basket');
	await counter.context().close();
	await bench.context().close();
});

test('what a tablet types while offline is kept on it through a reload and sent once it is back', async ({
	browser,
	baseURL
}) => {
	const tablet = await signedIn(browser, baseURL!, 'bench');
	const counter = await signedIn(browser, baseURL!, 'staff');
	const order = await newOrder(counter.context().request, baseURL!, 'Signet ring');

	// The tablet's note connections go through here, so the test can cut them (and keep them cut).
	let cut = false;
	const open = new Set<WebSocketRoute>();
	await tablet.routeWebSocket(/\/collab\//, (ws) => {
		if (cut) {
			void ws.close();
			return;
		}
		open.add(ws);
		ws.connectToServer();
	});

	await openNotes(tablet, order.id);
	await editor(tablet).click();
	await tablet.keyboard.type('Family crest, engraved by hand');
	await openNotes(counter, order.id);
	await expect(editor(counter)).toContainText('Family crest, engraved by hand');

	cut = true;
	for (const ws of open) await ws.close();
	open.clear();
	const status = designNotes(tablet).getByRole('status');
	await expect(status).toContainText(
		'Offline: your changes are kept on this device and sent when the connection is back'
	);
	await editor(tablet).click();
	await tablet.keyboard.press('End');
	await tablet.keyboard.press('Enter');
	await tablet.keyboard.type('typed while cut');
	await expect(editor(tablet)).toContainText('typed while cut');

	await tablet.reload();
	await expect(editor(tablet)).toContainText('typed while cut');
	await expect(status).toContainText('Offline');
	await expect(editor(counter)).not.toContainText('typed while cut');

	cut = false;
	await expect(status).toContainText('Live', { timeout: 15_000 });
	await expect(editor(counter)).toContainText('typed while cut');
	await expect(editor(counter)).toContainText('Family crest, engraved by hand');
	await tablet.context().close();
	await counter.context().close();
});
