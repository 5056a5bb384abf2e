import { request, type FullConfig } from '@playwright/test';
import { signInState } from './sign-in';

/** Every test starts signed in as the demo owner unless it signs in as someone else. */
export default async function globalSetup(config: FullConfig) {
	const baseURL = config.projects[0].use.baseURL!;
	const context = await request.newContext({ baseURL });
	await signInState(context, baseURL, 'avery', 'demo-owner-pass', 'test-results/owner.json');
	await context.dispose();
}
