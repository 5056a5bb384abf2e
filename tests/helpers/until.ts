/** Polls `check` until it holds, or fails naming what it waited for. */
export async function until(check: () => boolean | Promise<boolean>, what: string, ms = 5000) {
	const end = Date.now() + ms;
	while (!(await check())) {
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}
