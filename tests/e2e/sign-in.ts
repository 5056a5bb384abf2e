import { expect, type APIRequestContext, type Browser } from './fixtures';

export const DEMO = {
	owner: { username: 'avery', password: 'demo-owner-pass' },
	manager: { username: 'morgan', password: 'demo-manager-pass' },
	staff: { username: 'sam', password: 'demo-staff-pass' },
	bench: { username: 'elena', password: 'demo-bench-pass' }
} as const;

/** Signs in through the real form (with our Origin, as a browser sends it) and saves the cookie. */
export async function signInState(
	context: APIRequestContext,
	baseURL: string,
	username: string,
	password: string,
	path?: string
) {
	const response = await context.post(`${baseURL}/login`, {
		form: { username, password },
		headers: { origin: baseURL, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(response.status(), await response.text()).toBe(303);
	return context.storageState(path ? { path } : undefined);
}

/** A browser context signed in as one of the demo staff. */
export async function contextAs(
	browser: Browser,
	baseURL: string,
	who: keyof typeof DEMO,
	options = {}
) {
	const context = await browser.newContext({ ...options, baseURL, storageState: undefined });
	await signInState(context.request, baseURL, DEMO[who].username, DEMO[who].password);
	return context;
}
