import { request, type FullConfig } from '@playwright/test';
import { signInState } from './sign-in';

/** Every test starts signed in as the demo owner of its project's server unless it signs in as
 * someone else. */
export default async function globalSetup(config: FullConfig) {
	for (const project of config.projects) {
		const { baseURL, storageState } = project.use;
		const context = await request.newContext({ baseURL });
		await signInState(context, baseURL!, 'avery', 'demo-owner-pass', storageState as string);
		await context.dispose();
	}
}
