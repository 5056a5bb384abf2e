import { test as base, expect, type BrowserContext } from '@playwright/test';

export * from '@playwright/test';

/**
 * Every browser test also fails on a Content-Security-Policy violation in any of its pages, in the
 * default context and in the contexts a test opens itself (a second screen, a wall display).
 */
export const test = base.extend<{ contentSecurityPolicy: void }>({
	contentSecurityPolicy: [
		async ({ context, browser }, use) => {
			const violations: string[] = [];
			const watch = (watched: BrowserContext) =>
				watched.on('console', (message) => {
					if (/Content Security Policy/i.test(message.text())) {
						violations.push(`${message.location().url}: ${message.text()}`);
					}
				});
			watch(context);
			const newContext = browser.newContext.bind(browser);
			browser.newContext = async (options) => {
				const opened = await newContext(options);
				watch(opened);
				return opened;
			};
			await use();
			browser.newContext = newContext;
			expect(violations, 'Content-Security-Policy violations').toEqual([]);
		},
		{ auto: true }
	]
});
