import { expect, test } from './fixtures';

/** What a Prometheus scraper gets from the shop's server, and what anyone else does not. */
test('metrics answer only with the token, and count requests, events, screens and the outbox', async ({
	request,
	page
}) => {
	expect((await request.get('/metrics')).status()).toBe(401);
	expect(
		(await request.get('/metrics', { headers: { authorization: 'Bearer guess' } })).status()
	).toBe(401);

	// An open board is a screen; a request to the board's data is counted by its route.
	await page.goto('/');
	await expect(page.getByText('Live')).toBeVisible();
	expect((await request.get('/api/v1/board')).status()).toBe(200);

	const scrape = await request.get('/metrics', {
		headers: { authorization: 'Bearer e2e-metrics-token' }
	});
	expect(scrape.status()).toBe(200);
	expect(scrape.headers()['content-type']).toContain('text/plain');
	const text = await scrape.text();
	expect(text).toMatch(
		/benchboard_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/board",status="200"\} [1-9]/
	);
	expect(text).toMatch(/benchboard_screens\{kind="board"\} [1-9]/);
	expect(text).toMatch(/benchboard_outbox_messages\{state="queued"\} \d+/);
	expect(text).toMatch(/benchboard_nodejs_eventloop_lag_seconds \d/);
	// Never a customer's detail, nor a path with a status page's secret.
	expect(text).not.toMatch(/\/s\/[A-Za-z0-9]{10,}/);
});
